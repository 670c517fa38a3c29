package dev.flows.log.group;

import dev.flows.api.error.StorageException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file writes and reads for the small state files of groups and queues, safe against crashes and
 * interrupts. A new file is written beside, flushed, renamed into place and its directory flushed, so it
 * exists whole or not at all. Data goes through {@link RandomAccessFile}, whose I/O ignores interrupts:
 * consumer threads are often interrupted to stop them, and an interrupt inside a {@link FileChannel}
 * operation closes the channel for every thread. Stateless.
 */
public final class DurableFiles {

    private DurableFiles() {}

    /**
     * Replaces {@code file} by {@code bytes}, durably: afterwards the file holds either its old bytes or all
     * the new ones, even across a power loss.
     *
     * @throws IOException if a write, flush or rename fails; the old file is then untouched
     */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (RandomAccessFile out = new RandomAccessFile(temporary.toFile(), "rw")) {
            out.setLength(0);
            out.write(bytes);
            out.getFD().sync();
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.toAbsolutePath().getParent());
    }

    /** Every byte of {@code file}. */
    public static byte[] readAll(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is " + length + " bytes, too large for a state file");
            }
            byte[] bytes = new byte[(int) length];
            in.readFully(bytes);
            return bytes;
        }
    }

    /**
     * Creates {@code directory} if it is missing, and flushes the entry of each directory it created.
     *
     * @throws StorageException if a directory cannot be created or flushed
     */
    public static void createDirectories(Path directory) {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        createDirectories(absolute.getParent());
        try {
            Files.createDirectories(absolute);
            forceDirectory(absolute.getParent());
        } catch (IOException e) {
            throw new StorageException(
                    "could not create the directory " + absolute + ": " + e
                            + "; check that its parent is a writable directory on a healthy disk, then try again",
                    e);
        }
    }

    /**
     * Flushes the entries of {@code directory} (new files, renames) to disk. Runs with the interrupt flag
     * cleared, and sets it again afterwards if it was set.
     */
    public static void forceDirectory(Path directory) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                    channel.force(true);
                    return;
                } catch (ClosedByInterruptException e) {
                    // Interrupted during the force: the flag is set again; clear it, remember it, force again.
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
