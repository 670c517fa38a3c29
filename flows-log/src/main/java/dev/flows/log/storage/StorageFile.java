package dev.flows.log.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * One open file of the log: positional reads and writes, a force to disk, truncation. Everything the log
 * writes goes through this interface, so tests can stand in a disk that loses what was not forced, fills
 * up, or fails a force.
 *
 * <p>Implementations are thread-safe for positional reads concurrent with one writer. A caller must never
 * interrupt a thread inside these methods: with {@link FileChannelStorage} an interrupt closes the file
 * for every other reader.
 */
public interface StorageFile extends Closeable {

    /** The file's path. */
    Path path();

    /**
     * Writes every remaining byte of {@code source} at {@code position}, advancing the buffer's position.
     * After an exception, any prefix of the bytes may have been written.
     *
     * @throws IOException if the disk refused (see {@link Storage#isDiskFull}) or failed
     */
    void write(ByteBuffer source, long position) throws IOException;

    /**
     * Reads into {@code target} from {@code position} until it is full or the file ends.
     *
     * @return the bytes read; fewer than requested only at the end of the file
     */
    int read(ByteBuffer target, long position) throws IOException;

    /**
     * Forces every byte written so far to the disk ({@code fdatasync}). After a failure, nothing written
     * since the last successful force may be assumed durable, even after a later force succeeds.
     */
    void force() throws IOException;

    /** Cuts the file to {@code size} bytes; not durable until the next {@link #force}. */
    void truncate(long size) throws IOException;

    /** The file's size in bytes. */
    long size() throws IOException;
}
