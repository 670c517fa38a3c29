package dev.flows.engine.schedule;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.error.FlowsException;
import dev.flows.api.event.EventFormat;
import dev.flows.api.flow.MissedFires;
import dev.flows.api.flow.Schedule;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One schedule in the scheduler: its timetable, its channel, and which fires are done. The only state is in
 * the channel: the last record's timestamp is the last fire time, read once when this is made. Each fire is an
 * idempotent append whose sequence number is the fire time in epoch milliseconds, so a fire regenerated after a
 * crash is dropped by the log rather than stored twice.
 *
 * <p>The first {@link #fireDue} is the start: fires that came due while Flows was down are skipped, or (policy
 * {@link MissedFires#FIRE_ONCE}) made up for by one event for the latest of them with {@code missed: n}; the
 * first start of all fires nothing before the next fire time. Later calls fire the latest due fire; if several
 * came due at once (the process stalled, or an append failed and is retried), they are one event too. Never a
 * burst. Confined to the scheduler's thread.
 */
final class ScheduledFlow {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledFlow.class);

    private final String flow;
    private final Schedule schedule;
    private final Timetable timetable;
    private final Channel channel;
    private final EventFormat format;
    private final String producerId;
    private final Instant lastStored;
    /** Fires after this instant and up to now are due. */
    private Instant after;
    /** The next fire time; null before the start. */
    private Instant next;
    /** Whether the due fires were missed while Flows was down (true until the start's fires are done). */
    private boolean catchingUp = true;
    /** The last failure logged, so that a failing append is logged once per cause, not once per attempt. */
    private String lastFailure;

    ScheduledFlow(String flow, Schedule schedule, Channel channel, EventFormat format) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.timetable = Timetable.of(schedule);
        this.channel = Objects.requireNonNull(channel, "channel");
        this.format = Objects.requireNonNull(format, "format");
        this.producerId = "schedule:" + flow;
        this.lastStored = lastFire(channel);
    }

    String flow() {
        return flow;
    }

    /** The next fire time, or null before the first {@link #fireDue}. */
    Instant next() {
        return next;
    }

    /**
     * Fires what is due at {@code now}, at most one event.
     *
     * @return the next fire time
     */
    Instant fireDue(Instant now) {
        if (next == null) {
            start(now);
        }
        if (now.isBefore(next)) {
            catchingUp = false;
            return next;
        }
        Instant latest = timetable.latest(now);
        long due = timetable.count(after, latest);
        long missed = catchingUp ? due : due - 1;
        if (schedule.missed() == MissedFires.SKIP) {
            if (missed > 0) {
                LOG.info(
                        "schedule of flow '{}': skipped {} fire(s) that came due at once; firing {}",
                        flow,
                        missed,
                        latest);
            }
            missed = 0;
        }
        if (fire(latest, missed)) {
            after = latest;
            next = timetable.next(now.isAfter(latest) ? now : latest);
            catchingUp = false;
        }
        return next;
    }

    private void start(Instant now) {
        if (lastStored == null) {
            after = now; // first start of all: no catch-up
        } else if (schedule.missed() == MissedFires.SKIP) {
            after = lastStored.isAfter(now) ? lastStored : now;
            long skipped = timetable.count(lastStored, now);
            if (skipped > 0) {
                LOG.info("schedule of flow '{}': skipped {} fire(s) missed while Flows was down", flow, skipped);
            }
        } else {
            after = lastStored;
        }
        next = timetable.next(after);
    }

    /** Appends the fire; false (logged) if the channel refused it, so that it is tried again. */
    private boolean fire(Instant at, long missed) {
        long sequence = at.toEpochMilli();
        byte[] event = format.encode(FireEvent.of(flow, schedule, at, missed));
        try {
            channel.append(producerId, List.of(new SequencedAppend(new Append(null, event, sequence), sequence)));
            lastFailure = null;
            return true;
        } catch (FlowsException | IllegalStateException e) {
            if (!Objects.equals(lastFailure, e.getMessage())) {
                lastFailure = e.getMessage();
                LOG.warn("schedule of flow '{}': could not fire {}, trying again: {}", flow, at, e.getMessage());
            }
            return false;
        }
    }

    /** The timestamp of the channel's last record: the last fire time, or null if it never fired. */
    private static Instant lastFire(Channel channel) {
        long end = channel.endOffset(0);
        if (end <= channel.startOffset(0)) {
            return null;
        }
        List<ChannelRecord> last = channel.read(0, end - 1, 1);
        return last.isEmpty() ? null : Instant.ofEpochMilli(last.getFirst().timestampMs());
    }
}
