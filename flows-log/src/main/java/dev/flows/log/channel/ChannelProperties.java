package dev.flows.log.channel;

import dev.flows.api.error.StorageException;
import dev.flows.log.storage.Storage;
import dev.flows.log.storage.StorageFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The file {@code channel.properties} at the top of a channel's directory: the log format version and the
 * partition count, fixed for the channel's life. Written once, atomically (a temporary file, forced, then
 * renamed over, then the directories forced).
 *
 * @param formatVersion the batch format version the channel's segments use
 * @param partitions    the number of partitions, at least 1
 */
public record ChannelProperties(int formatVersion, int partitions) {

    /** The file name inside the channel's directory. */
    public static final String FILE_NAME = "channel.properties";

    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 2;

    private static final String FORMAT_KEY = "format.version";
    private static final String PARTITIONS_KEY = "partitions";

    /**
     * Reads the file of the channel in {@code directory}, or empty if the channel does not exist yet.
     *
     * @throws StorageException if the file cannot be read, lacks a setting, or is of another format version
     */
    public static Optional<ChannelProperties> read(Storage storage, Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!storage.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (StorageFile in = storage.openReadable(file)) {
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(in.size(), 1 << 16));
            in.read(bytes, 0);
            properties.load(new StringReader(new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new StorageException(
                    "could not read " + file + ": " + e + "; check the file's permissions and the disk", e);
        }
        ChannelProperties read = new ChannelProperties(
                intSetting(properties, FORMAT_KEY, file), intSetting(properties, PARTITIONS_KEY, file));
        if (read.formatVersion() == 1) {
            throw new StorageException(file + " says " + FORMAT_KEY + "=1: the channel was written by a development"
                    + " build in format 1, which this Flows no longer reads (no release wrote it); move the channel's"
                    + " directory " + directory + " away and the channel starts afresh");
        }
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
    public void write(Storage storage, Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        Properties properties = new Properties();
        properties.setProperty(FORMAT_KEY, Integer.toString(formatVersion));
        properties.setProperty(PARTITIONS_KEY, Integer.toString(partitions));
        try {
            storage.createDirectories(directory);
            StringWriter text = new StringWriter();
            properties.store(text, "Flows channel; the partition count cannot change");
            storage.delete(temporary);
            try (StorageFile out = storage.create(temporary)) {
                out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), 0);
                out.force();
            }
            storage.move(temporary, file);
            storage.forceDirectory(directory);
            storage.forceDirectory(directory.getParent());
        } catch (IOException e) {
            throw new StorageException(
                    "could not write " + file + ": " + e + "; check free space and the permissions of " + directory, e);
        }
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
