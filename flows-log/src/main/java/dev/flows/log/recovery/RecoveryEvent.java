package dev.flows.log.recovery;

import java.nio.file.Path;

/**
 * Something recovery found wrong in a partition's files when its channel opened, and what it did. The
 * server logs each once; {@link #message()} says what happened, where, and what (if anything) to do.
 */
public sealed interface RecoveryEvent permits TornTail, DamagedRange {

    /** The channel's name. */
    String channel();

    /** The partition, 0-based. */
    int partition();

    /** The segment file concerned. */
    Path file();

    /** The byte position in {@link #file()} where the trouble starts. */
    long position();

    /** A one-line account for an operator. */
    String message();
}
