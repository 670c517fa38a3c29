package dev.flows.bench.log;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.error.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where one benchmark run keeps its log: a fresh temporary directory, deleted on {@link #close}, or a
 * directory the user named, which must be new or empty and is kept. Not thread-safe.
 */
public final class DataDirectory implements AutoCloseable {

    private final Path path;
    private final boolean temporary;

    private DataDirectory(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** A new directory under the system's temporary directory, named after {@code prefix}. */
    public static DataDirectory temporary(String prefix) {
        try {
            return new DataDirectory(Files.createTempDirectory(prefix), true);
        } catch (IOException e) {
            throw new StorageException(
                    "could not create a temporary directory for the benchmark's log: " + e + "; free space in "
                            + System.getProperty("java.io.tmpdir") + " or give --data DIR",
                    e);
        }
    }

    /**
     * {@code directory}, kept after the run.
     *
     * @throws ConfigurationException if it exists and is not an empty directory: the counts would be off
     */
    public static DataDirectory kept(Path directory) {
        if (Files.exists(directory) && !isEmptyDirectory(directory)) {
            throw new ConfigurationException("the benchmark's data directory " + directory + " is not empty; the"
                    + " run needs fresh channels, so delete it or give another --data DIR");
        }
        return new DataDirectory(directory, false);
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /** Deletes the directory and everything in it if it is temporary. */
    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new StorageException(
                    "could not delete the benchmark's temporary directory " + path + ": " + e + "; delete it by hand",
                    e);
        }
    }

    private static boolean isEmptyDirectory(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return path + (temporary ? " (temporary)" : "");
    }
}
