package dev.flows.bench.sink;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelQueue;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.ConsumerGroup;
import dev.flows.api.channel.Position;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.error.StorageException;
import dev.flows.api.flow.ChannelDefinition;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * A write-only channel that streams the {@code data} of every event appended to it into a file, one JSON
 * line each, through a large buffer: the benchmarks' file sink. Keys, timestamps and partitions are ignored;
 * positions count the records in one partition. The file is opened on the first append, or by {@link #touch},
 * so that channels a run does not write leave no file. Reading is not supported: the output is the file.
 * Thread-safe (appends are serialised).
 */
final class JsonLinesChannel implements Channel {

    private static final int BUFFER_BYTES = 1 << 20;

    private final ChannelDefinition definition;
    private final Supplier<OutputStream> opener;
    private final String where;
    private OutputStream out;
    private boolean closed;
    private long records;
    private long bytes;

    /**
     * @param opener opens the destination, once, on the first append or touch
     * @param where  the destination, for messages
     */
    JsonLinesChannel(ChannelDefinition definition, Supplier<OutputStream> opener, String where) {
        this.definition = definition;
        this.opener = opener;
        this.where = where;
    }

    /** A channel writing to {@code file}, which it creates or truncates. */
    static JsonLinesChannel toFile(ChannelDefinition definition, Path file) {
        return new JsonLinesChannel(definition, () -> open(file), file.toString());
    }

    /** A channel that counts what it is given and writes it nowhere. */
    static JsonLinesChannel discarding(ChannelDefinition definition) {
        return new JsonLinesChannel(definition, OutputStream::nullOutputStream, "nowhere");
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public int partitions() {
        return definition.partitions();
    }

    /**
     * Writes each record's event data as one line; returns once it is in the buffer, not on disk.
     *
     * @throws StorageException if the file cannot be written
     * @throws IllegalArgumentException if a record's value is not a JSON event
     */
    @Override
    public synchronized List<Position> append(List<Append> records) {
        Position[] positions = new Position[records.size()];
        try {
            OutputStream file = output();
            for (int i = 0; i < positions.length; i++) {
                byte[] value = records.get(i).value();
                EventData.write(value, file);
                file.write('\n');
                bytes += value.length;
                positions[i] = new Position(0, this.records++);
            }
        } catch (IOException e) {
            throw failed("write", e);
        }
        return Arrays.asList(positions);
    }

    /** Not supported: a local run appends without producer ids, and a file has nothing to deduplicate. */
    @Override
    public List<Position> append(String producerId, List<SequencedAppend> records) {
        throw unsupported("idempotent appends");
    }

    @Override
    public List<ChannelRecord> read(int partition, long fromOffset, int maxRecords) {
        throw unsupported("reads");
    }

    @Override
    public long startOffset(int partition) {
        return 0;
    }

    /** The number of records appended; the channel has one partition's worth of offsets. */
    @Override
    public synchronized long endOffset(int partition) {
        return records;
    }

    @Override
    public boolean awaitRecords(int partition, long offset, Duration timeout) {
        throw unsupported("waiting for records");
    }

    /** The bytes of the events appended (before their data was cut out). */
    @Override
    public synchronized long sizeBytes() {
        return bytes;
    }

    @Override
    public long offsetForTime(int partition, Instant time) {
        throw unsupported("time lookups");
    }

    @Override
    public ChannelPolicy policy() {
        return definition.policy();
    }

    @Override
    public ConsumerGroup group(String name) {
        throw unsupported("consumer groups");
    }

    @Override
    public ChannelQueue queue(String name) {
        throw unsupported("queues");
    }

    /** The number of records appended so far. */
    synchronized long records() {
        return records;
    }

    /** Opens the destination if no append has yet, so that an empty output is an empty file. */
    synchronized void touch() {
        output();
    }

    /** Writes out the buffer and closes the destination; appends fail from then on. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw failed("close", e);
            }
        }
    }

    private OutputStream output() {
        if (closed) {
            throw new IllegalStateException("channel '" + name() + "' writing to " + where + " is closed; the"
                    + " benchmark's run is over, so nothing more may be appended");
        }
        if (out == null) {
            out = opener.get();
        }
        return out;
    }

    private static OutputStream open(Path file) {
        try {
            return new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES);
        } catch (IOException e) {
            throw new StorageException(
                    "could not create the benchmark output " + file + ": " + e + "; make its"
                            + " directory writable or give another --out DIR",
                    e);
        }
    }

    private StorageException failed(String what, IOException e) {
        return new StorageException(
                "could not " + what + " the benchmark output " + where + " of channel '" + name() + "': " + e
                        + "; check the free space of its disk",
                e);
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("channel '" + name() + "' is a benchmark file sink writing to " + where
                + ", which has no " + what + "; read the file instead, or run on the embedded log");
    }
}
