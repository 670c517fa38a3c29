package dev.flows.server.system;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.api.system.SystemEvent;
import dev.flows.api.system.SystemEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes system events as CloudEvents on the {@code flows.system} channel: id a random UUID, source
 * {@code /flows/<host>}, the event's type and subject, time the clock's now, data as given.
 *
 * <p>{@link #publish} only puts the event in a bounded queue, so a flow task or a request thread never waits
 * for the disk; one virtual thread appends what the queue holds, in batches. Best effort, as the SPI says: when
 * the queue is full, or the append fails (a full disk, most of all, which is one of the events it would
 * report), the events are logged and dropped, never retried and never thrown to anyone. The thread is never
 * interrupted (an interrupt would close the log's file channels under other readers); {@link #close} stops it by
 * a flag after it has appended what was queued. Thread-safe.
 */
public final class ChannelSystemEvents implements SystemEvents, AutoCloseable {

    /** Events waiting to be appended; more are dropped (and counted) rather than buffered without limit. */
    static final int CAPACITY = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(ChannelSystemEvents.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int BATCH = 256;

    private final Channel channel;
    private final EventFormat format;
    private final Clock clock;
    private final String source;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts the thread that appends.
     *
     * @param channel the {@code flows.system} channel
     * @param host    names this server in each event's source, {@code /flows/<host>}
     */
    public ChannelSystemEvents(Channel channel, EventFormat format, Clock clock, String host) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.format = Objects.requireNonNull(format, "format");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.source = "/flows/" + Objects.requireNonNull(host, "host");
        this.thread = Thread.ofVirtual().name("flows-system-events").start(this::run);
    }

    /** Queues the event for the channel; never blocks, never throws. An event that does not fit is dropped. */
    @Override
    public void publish(SystemEvent event) {
        try {
            Event cloudEvent = new Event(
                    UUID.randomUUID().toString(),
                    source,
                    event.type(),
                    Event.SPEC_VERSION,
                    event.subject(),
                    clock.instant(),
                    "application/json",
                    null,
                    Map.of(),
                    event.data());
            if (!running || !queue.offer(cloudEvent)) {
                drop(event.type(), running ? "the queue is full" : "Flows is stopping");
            }
        } catch (RuntimeException e) {
            drop(event.type(), e.toString());
        }
    }

    /** How many events were dropped since start (a full queue, a failed append). */
    public long dropped() {
        return dropped.get();
    }

    /** Appends what is queued, then stops the thread and waits for it. Events published afterwards are dropped. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Event> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Event first = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                append(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void append(List<Event> events) {
        List<Append> records = new ArrayList<>(events.size());
        for (Event event : events) {
            byte[] key = event.subject() == null ? null : event.subject().getBytes(StandardCharsets.UTF_8);
            records.add(new Append(key, format.encode(event), event.time().toEpochMilli()));
        }
        try {
            channel.append(records);
        } catch (RuntimeException e) {
            // The channel's disk is full or failed: these events cannot be kept, and retrying would only pile up.
            dropped.addAndGet(events.size());
            LOG.warn(
                    "dropped {} system event(s) ({}): {}; they are not on {}",
                    events.size(),
                    events.getFirst().type(),
                    e.getMessage(),
                    channel.name());
        }
    }

    private void drop(String type, String why) {
        long count = dropped.incrementAndGet();
        if (count == 1 || count % 1000 == 0) { // a full queue drops many; the log says so, not each
            LOG.warn("dropped system event {} ({}); {} dropped so far", type, why, count);
        }
    }
}
