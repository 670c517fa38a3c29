package dev.flows.log.channel;

import dev.flows.api.error.StorageException;
import dev.flows.log.segment.DurableDirectory;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The file {@code channel.properties} at the top of a channel's directory: the log format version and the
 * partition count, fixed for the channel's life. Written once, atomically (a temporary file, forced, then
 * renamed over).
 *
 * @param formatVersion the record format version the channel's segments use
 * @param partitions    the number of partitions, at least 1
 */
public record ChannelProperties(int formatVersion, int partitions) {

    /** The file name inside the channel's directory. */
    public static final String FILE_NAME = "channel.properties";

    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String FORMAT_KEY = "format.version";
    private static final String PARTITIONS_KEY = "partitions";

    /**
     * Reads the file of the channel in {@code directory}, or empty if the channel does not exist yet.
     *
     * @throws StorageException if the file cannot be read, lacks a setting, or needs a newer Flows
     */
    public static Optional<ChannelProperties> read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new StorageException(
                    "could not read " + file + ": " + e + "; check the file's permissions and the disk", e);
        }
        ChannelProperties read = new ChannelProperties(
                intSetting(properties, FORMAT_KEY, file), intSetting(properties, PARTITIONS_KEY, file));
        if (read.formatVersion() != FORMAT_VERSION) {
            throw new StorageException(file + " says " + FORMAT_KEY + "=" + read.formatVersion()
                    + ", but this Flows reads " + FORMAT_VERSION
                    + " only; run the version of Flows that wrote the channel, or a newer one");
        }
        if (read.partitions() < 1) {
            throw new StorageException(file + " says " + PARTITIONS_KEY + "=" + read.partitions()
                    + ", but a channel has at least 1; restore the file from a backup");
        }
        return Optional.of(read);
    }

    /**
     * Writes the file into {@code directory}, creating the directory, and forces both.
     *
     * @throws StorageException if the file cannot be written
     */
    public void write(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        Properties properties = new Properties();
        properties.setProperty(FORMAT_KEY, Integer.toString(formatVersion));
        properties.setProperty(PARTITIONS_KEY, Integer.toString(partitions));
        try {
            Files.createDirectories(directory);
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "Flows channel; the partition count cannot change");
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException(
                    "could not write " + file + ": " + e + "; check free space and the permissions of " + directory, e);
        }
        DurableDirectory.force(directory);
        DurableDirectory.force(directory.getParent());
    }

    private static int intSetting(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new StorageException(file + " has " + (value == null ? "no " + key : key + "=" + value)
                    + ", where a whole number is expected; restore the file from a backup, or write " + key
                    + "=<number> into it");
        }
    }
}
