package dev.flows.log.segment;

import dev.flows.api.error.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes the entries of a directory durable: a new file survives a power loss only once its directory has
 * been forced too ({@code fsync} on the directory, as Linux file systems require). Stateless.
 */
public final class DurableDirectory {

    private DurableDirectory() {}

    /**
     * Forces {@code directory}'s entries to disk.
     *
     * @throws StorageException if the directory cannot be opened or forced
     */
    public static void force(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new StorageException(
                    "could not flush the entries of directory " + directory + " to disk: " + e
                            + "; check the disk and the directory's permissions, then try again",
                    e);
        }
    }
}
