package dev.flows.server.push;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.error.InvalidEventException;
import dev.flows.engine.stream.ChannelStream;
import dev.flows.engine.stream.StartPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber reading a push channel: a {@link ChannelStream} per partition, from the subscriber's {@link
 * PushCursor}, keeping what its {@link Audience} includes and sending it to its {@link Outlet} with the cursor's
 * id, plus a heartbeat while the connection is idle.
 *
 * <p>Thread-safety: partition readers and the heartbeat take one lock around every send, so the cursor in an
 * id always covers everything sent before it, and an outlet sees one call at a time. Backpressure is the
 * stream's: a reader fetches its next batch only after the outlet took the last one. {@link #close} never
 * waits: it may be called by a reader that holds the lock (an outlet that finds its client gone closes the
 * subscription), and joining the other readers there would deadlock on that lock.
 */
public final class PushSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(PushSubscription.class);
    private static final int BATCH = 200;

    private final Channel channel;
    private final String user;
    private final PushCursor cursor;
    private final Outlet outlet;
    private final Runnable onStopped;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ChannelStream> streams = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private PushSubscription(Channel channel, String user, PushCursor cursor, Outlet outlet, Runnable onStopped) {
        this.channel = channel;
        this.user = user;
        this.cursor = cursor;
        this.outlet = outlet;
        this.onStopped = onStopped;
    }

    /**
     * Starts reading every partition of {@code channel} at the cursor's next offsets, kept within what the
     * partition holds (retention may have removed older records).
     *
     * @param user      the subscriber's user; null for broadcasts only
     * @param heartbeat how often an idle connection gets a heartbeat
     * @param onStopped called once when the subscription has stopped, whatever stopped it
     */
    public static PushSubscription start(
            Channel channel, String user, PushCursor cursor, Outlet outlet, Duration heartbeat, Runnable onStopped) {
        PushSubscription subscription = new PushSubscription(channel, user, cursor, outlet, onStopped);
        subscription.lock.lock(); // no record is handled before every stream is listed, so close() sees them all
        try {
            for (int p = 0; p < channel.partitions(); p++) {
                // An id past the end can only come from elsewhere (offsets are never reused): start at the end.
                long from = Math.min(Math.max(cursor.next(p), channel.startOffset(p)), channel.endOffset(p));
                cursor.startAt(p, from);
                subscription.streams.add(subscription.read(p, from));
            }
        } finally {
            subscription.lock.unlock();
        }
        Thread.ofVirtual().name("push-heartbeat-" + channel.name()).start(() -> subscription.beat(heartbeat));
        return subscription;
    }

    private ChannelStream read(int partition, long from) {
        Audience audience = new Audience(user);
        return ChannelStream.subscribe(
                channel,
                partition,
                new StartPosition.AtOffset(from),
                BATCH,
                records -> deliver(partition, records, audience),
                error -> {
                    if (error != null) {
                        LOG.warn(
                                "push subscription to channel '{}' (user {}) stopped: {}",
                                channel.name(),
                                user,
                                error.getMessage());
                    }
                    close();
                });
    }

    private boolean deliver(int partition, List<ChannelRecord> records, Audience audience) throws Exception {
        for (ChannelRecord record : records) {
            boolean included = includes(audience, record);
            lock.lock();
            try {
                if (closed.get()) {
                    return false;
                }
                cursor.passed(partition, record.offset());
                if (included && !outlet.send(cursor.id(), record.value())) {
                    close();
                    return false;
                }
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    private boolean includes(Audience audience, ChannelRecord record) {
        try {
            return audience.includes(record.value());
        } catch (InvalidEventException e) {
            LOG.warn(
                    "channel '{}' partition {} offset {} holds no valid CloudEvent, so it is pushed to nobody: {}",
                    channel.name(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return false;
        }
    }

    private void beat(Duration interval) {
        try {
            while (!closing.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                // A reader holding the lock is sending, which keeps the connection open by itself.
                if (lock.tryLock()) {
                    try {
                        if (!closed.get() && !outlet.heartbeat()) {
                            close();
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }
        } catch (Exception e) {
            LOG.debug("push heartbeat on channel '{}' failed, closing: {}", channel.name(), e.getMessage());
            close();
        }
    }

    /** Whether the subscription still runs. */
    public boolean open() {
        return !closed.get();
    }

    /**
     * Stops the readers and the heartbeat, and ends the outlet, on a thread of its own; returns at once.
     * Idempotent.
     */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closing.countDown();
            Thread.ofVirtual().name("push-close-" + channel.name()).start(this::stop);
        }
    }

    /** Closes, then waits up to {@code timeout} for the readers to stop; true when they did. */
    public boolean closeAndAwait(Duration timeout) throws InterruptedException {
        close();
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stop() {
        boolean locked = false;
        try {
            // Under the lock no send is under way; a send stuck on a stalled client keeps it, and ending the
            // outlet without the lock is then what lets that send go.
            locked = lock.tryLock(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            outlet.end();
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
        streams.forEach(ChannelStream::close);
        stopped.countDown();
        onStopped.run();
    }
}
