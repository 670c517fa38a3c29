package dev.flows.log;

/** When the embedded log acknowledges an append, and so what a crash can take away. */
public enum Durability {

    /**
     * After {@code FileChannel.force} (fdatasync) covered the records: an acknowledged record survives a
     * crash of the process or of the machine. Concurrent appenders share one force (group commit). The
     * default.
     */
    FSYNC,

    /**
     * Once the records are written to the operating system's page cache: an acknowledged record survives a
     * crash of the process, but not a power loss or kernel crash. Faster; the OS writes the data out later.
     */
    OS
}
