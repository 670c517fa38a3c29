package dev.flows.bench.w1;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Position;
import dev.flows.bench.event.Events;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The latency run's load: offers a fixed rate on a fixed schedule, whatever the log does. Every tick
 * (1 ms) it hands the events due by then, as one batch, to a small pool of senders that call
 * {@link Channel#append}; each record's latency counts from its tick, the time its append was due. A slow
 * append therefore cannot hide the wait of the events queued behind it (no coordinated omission); while the
 * log keeps up, the tick is the append call's start, give or take the pacer's wake-up jitter.
 *
 * <p>Runs on the caller's thread; the senders are its own. Not reusable.
 */
final class PacedProducer {

    private static final long TICK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Appends in flight at once, as a Kafka producer keeps up to 5 requests in flight per broker. */
    private static final int SENDERS = 4;

    /** Below this much time to wait the pacer spins rather than parks, since a park overshoots by ~50 µs. */
    private static final long SPIN_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private final Channel channel;
    private final Events events;
    private final long ratePerSecond;
    private final long total;
    private final InstantSource clock;
    private final LatencyRound round;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    PacedProducer(
            Channel channel,
            Events events,
            long ratePerSecond,
            Duration duration,
            InstantSource clock,
            LatencyRound round) {
        this.channel = channel;
        this.events = events;
        this.ratePerSecond = ratePerSecond;
        this.total = totalEvents(ratePerSecond, duration);
        this.clock = clock;
        this.round = round;
    }

    /** How many events {@code ratePerSecond} offers over {@code duration}. */
    static long totalEvents(long ratePerSecond, Duration duration) {
        return ratePerSecond * duration.toNanos() / 1_000_000_000L;
    }

    /** Offers every event on schedule, waits for the last append and tells the round. */
    void run() {
        long sent = 0;
        try (ExecutorService senders = Executors.newFixedThreadPool(
                SENDERS, Thread.ofPlatform().name("w1-sender-", 0).factory())) {
            long startNs = System.nanoTime() + TICK_NS;
            for (long tick = 0; sent < total && failure.get() == null; tick++) {
                long due = Math.min(total, (tick + 1) * ratePerSecond * TICK_NS / 1_000_000_000L);
                if (due == sent) {
                    continue;
                }
                long dueNs = startNs + tick * TICK_NS;
                parkUntil(dueNs);
                List<Append> batch = AppendPhase.batch(events, sent, due, clock.millis());
                senders.execute(() -> send(batch, dueNs));
                sent = due;
            }
        } finally {
            round.onProducerDone(sent, failure.get() != null);
        }
        Workers.rethrow(failure.get());
    }

    private void send(List<Append> batch, long dueNs) {
        try {
            List<Position> positions = channel.append(batch);
            for (Position position : positions) {
                round.onSent(position.partition(), position.offset(), dueNs);
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private static void parkUntil(long deadlineNs) {
        for (long left = deadlineNs - System.nanoTime(); left > 0; left = deadlineNs - System.nanoTime()) {
            if (left > SPIN_NS) {
                LockSupport.parkNanos(left - SPIN_NS);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
