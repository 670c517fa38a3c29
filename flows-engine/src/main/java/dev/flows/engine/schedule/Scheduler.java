package dev.flows.engine.schedule;

import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.event.EventFormat;
import dev.flows.api.flow.Flow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the schedules of scheduled flows: one virtual thread for all of them, which asks each schedule what
 * is due ({@link #fireDue}) and sleeps until the earliest next fire, at most {@link #MAX_WAIT} at a time so
 * that {@link #close} is prompt. Each fire is a durable event on the flow's schedule channel, appended
 * idempotently; the flow reads it like any channel, exactly once. The thread is never interrupted (an
 * interrupt would close the log's file channels under other readers): it stops by a flag.
 *
 * <p>Time comes from the injected clock; tests call {@link #fireDue} with instants of their choice and never
 * start the thread. Thread-safe to start and close; {@link #fireDue} is for one thread at a time.
 */
public final class Scheduler implements AutoCloseable {

    /** The longest single sleep, which bounds how long {@link #close} waits. */
    static final Duration MAX_WAIT = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final List<ScheduledFlow> schedules;
    private final Clock clock;
    private volatile boolean running = true;
    private Thread thread;

    private Scheduler(List<ScheduledFlow> schedules, Clock clock) {
        this.schedules = List.copyOf(schedules);
        this.clock = clock;
    }

    /**
     * Reads the last fire of each scheduled flow of {@code flows} from its schedule channel; flows without a
     * schedule are left out. Starts nothing.
     *
     * @throws ConfigurationException if a schedule channel is not open in {@code channels}
     * @throws IllegalArgumentException if a cron expression is not valid (validation reports that first)
     */
    public static Scheduler open(List<Flow> flows, ChannelBackend channels, EventFormat format, Clock clock) {
        List<ScheduledFlow> schedules = new ArrayList<>();
        for (Flow flow : flows) {
            if (flow.scheduled()) {
                var channel = channels.find(flow.from())
                        .orElseThrow(() -> new ConfigurationException("scheduled flow '" + flow.name() + "' at "
                                + flow.location() + " fires into channel '" + flow.from()
                                + "', which is not open; open the flow set's channels (FlowDirectory declares it)"));
                schedules.add(new ScheduledFlow(flow.name(), flow.schedule(), channel, format));
            }
        }
        return new Scheduler(schedules, clock);
    }

    /** Whether there is any schedule to fire. */
    public boolean isEmpty() {
        return schedules.isEmpty();
    }

    /** Starts the thread that fires the schedules on the clock. Call once. */
    public synchronized Scheduler start() {
        if (thread == null && !schedules.isEmpty()) {
            thread = Thread.ofVirtual().name("flows-scheduler").start(this::run);
            LOG.info("scheduler started for {} flow(s)", schedules.size());
        }
        return this;
    }

    /**
     * Fires every schedule that is due at {@code now} (at most one event each).
     *
     * @return the earliest next fire time of all schedules, or null if there are none
     */
    Instant fireDue(Instant now) {
        Instant earliest = null;
        for (ScheduledFlow schedule : schedules) {
            Instant next = schedule.fireDue(now);
            if (earliest == null || next.isBefore(earliest)) {
                earliest = next;
            }
        }
        return earliest;
    }

    /** Stops the thread after its current round and waits for it. */
    @Override
    public synchronized void close() {
        running = false;
        if (thread == null) {
            return;
        }
        try {
            if (!thread.join(STOP_TIMEOUT)) {
                LOG.warn("scheduler did not stop within {}", STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            Instant next;
            try {
                next = fireDue(clock.instant());
            } catch (RuntimeException e) {
                // A bug in one round must not stop every schedule; the next round tries again.
                LOG.error("scheduler round failed, trying again: {}", e.toString(), e);
                next = null;
            }
            long waitMs = next == null
                    ? MAX_WAIT.toMillis()
                    : Math.clamp(Duration.between(clock.instant(), next).toMillis(), 1, MAX_WAIT.toMillis());
            try {
                Thread.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
