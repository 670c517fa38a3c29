package dev.flows.engine.stream;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A live subscription to a channel inside the process: one virtual thread per partition reads from the start
 * position and hands batches to a {@link RecordHandler}, waiting for new records when it reaches the end.
 * Backpressure is by construction: a partition's next batch is read only after the handler returned, so memory
 * holds at most one batch per partition whatever the handler's speed. Works over any {@link Channel} backend.
 * Threads are never interrupted (an interrupt would close the log's file channels); {@link #close} sets a flag
 * the readers check between bounded waits. Thread-safe.
 */
public final class ChannelStream implements AutoCloseable {

    private static final Duration WAIT = Duration.ofMillis(250);

    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean open = true;

    private ChannelStream() {}

    /**
     * Starts reading every partition (or only {@code partition}, when not null) of {@code channel}.
     *
     * @param batchRecords at most this many records per handler call
     * @param onEnd        called once per partition reader when it ends, with the error that ended it or null
     */
    public static ChannelStream subscribe(
            Channel channel,
            Integer partition,
            StartPosition start,
            int batchRecords,
            RecordHandler handler,
            Consumer<Exception> onEnd) {
        ChannelStream stream = new ChannelStream();
        for (int p = 0; p < channel.partitions(); p++) {
            if (partition == null || partition == p) {
                int current = p;
                long from = start.resolve(channel, p);
                stream.readers.add(Thread.ofVirtual()
                        .name("stream-" + channel.name() + "-" + p)
                        .start(() -> stream.pump(channel, current, from, batchRecords, handler, onEnd)));
            }
        }
        return stream;
    }

    /** Whether any partition reader is still running. */
    public boolean running() {
        return open && readers.stream().anyMatch(Thread::isAlive);
    }

    private void pump(
            Channel channel,
            int partition,
            long from,
            int batchRecords,
            RecordHandler handler,
            Consumer<Exception> onEnd) {
        long next = from;
        Exception error = null;
        try {
            while (open) {
                List<ChannelRecord> records = channel.read(partition, next, batchRecords);
                if (records.isEmpty()) {
                    channel.awaitRecords(partition, next, WAIT);
                } else {
                    next = records.getLast().offset() + 1;
                    if (!handler.onRecords(records)) {
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            error = e;
        } finally {
            onEnd.accept(error);
        }
    }

    /** Ends every reader after its current batch and waits for them (at most one wait period plus the handler). */
    @Override
    public void close() {
        open = false;
        for (Thread reader : readers) {
            if (reader != Thread.currentThread()) {
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
