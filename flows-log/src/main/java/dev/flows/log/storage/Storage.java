package dev.flows.log.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file system under the log: opens {@link StorageFile}s and manages directory entries. The real one is
 * {@link FileChannelStorage}; tests use a simulated disk. Directory entries (new files, renames, deletes)
 * survive a power loss only once {@link #forceDirectory} ran on their directory. Thread-safe.
 */
public interface Storage {

    /** Creates a new, empty file for reading and writing; fails if it exists. */
    StorageFile create(Path file) throws IOException;

    /** Opens an existing file for reading and writing. */
    StorageFile openWritable(Path file) throws IOException;

    /** Opens an existing file for reading. */
    StorageFile openReadable(Path file) throws IOException;

    /** Whether a file or directory exists at {@code path}. */
    boolean exists(Path path);

    /** The entries of {@code directory}, in name order; empty if it does not exist. */
    List<Path> list(Path directory) throws IOException;

    /** Creates {@code directory} and its missing parents. */
    void createDirectories(Path directory) throws IOException;

    /** Makes the entries of {@code directory} durable (an {@code fsync} of the directory). */
    void forceDirectory(Path directory) throws IOException;

    /** Renames {@code from} to {@code to} atomically, replacing {@code to}; durable after a directory force. */
    void move(Path from, Path to) throws IOException;

    /** Deletes the file if it exists. */
    void delete(Path file) throws IOException;

    /**
     * Takes an exclusive lock on {@code file}, creating it if needed, against other processes and other
     * logs in this one.
     *
     * @return the lock, to close for release; empty if someone else holds it
     */
    Optional<Closeable> lock(Path file) throws IOException;

    /** Whether an I/O error means the disk is full (ENOSPC), a condition that goes away once space is freed. */
    static boolean isDiskFull(IOException e) {
        String message = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("no space left") || lower.contains("not enough space") || lower.contains("disk full");
    }
}
