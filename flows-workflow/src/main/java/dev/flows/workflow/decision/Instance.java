package dev.flows.workflow.decision;

import dev.flows.api.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One workflow instance as its history leaves it: the snapshot the runtime keeps in the state store, a cache
 * that replaying the history rebuilds. The {@link Decider} works on a {@link #copy}; nothing else changes one.
 * Not thread-safe.
 */
public final class Instance {

    /** A timer of the current state: fires at {@code due}, moving to {@code target}. */
    public record ScheduledTimer(String id, Instant due, String target) {}

    /** A step done whose {@code compensate} runs if a later one fails: the step of that state at that index. */
    public record DoneStep(String id, String state, int index) {}

    /** One compensation action still to run: action {@code action} of the done step. */
    public record PendingCompensation(DoneStep step, int action) {

        /** The id of the compensation step, {@code <step>/c<action>}. */
        public String id() {
            return step.id() + "/c" + action;
        }
    }

    /** What the instance is doing besides waiting. */
    public enum Phase {
        /** Waiting for an event, a signal or a timer. */
        IDLE,
        /** Running its state's entry steps, from {@link #nextStep}. */
        ENTRY,
        /** Running compensations. */
        COMPENSATING
    }

    String key;
    String state;
    InstanceStatus status = InstanceStatus.RUNNING;
    Event start;
    Event last;
    Instant startedAt;
    Instant updatedAt;
    long entries;
    long records;
    Phase phase = Phase.IDLE;
    int nextStep;
    String pendingStep;
    boolean failing;
    boolean cancelling;
    String failure;
    final List<ScheduledTimer> timers = new ArrayList<>();
    final List<DoneStep> done = new ArrayList<>();
    final List<PendingCompensation> compensations = new ArrayList<>();
    final List<Input> deferred = new ArrayList<>();

    /** The start and last events as JSON maps, made once: expressions and snapshots read them often. */
    private Map<String, Object> startMap;

    private Map<String, Object> lastMap;

    Instance() {}

    /** Sets the event the current steps see. */
    void last(Event event) {
        last = event;
        lastMap = null;
    }

    /** Sets the starting event. */
    void start(Event event) {
        start = event;
        startMap = null;
    }

    /** The starting event as a JSON map (read-only, shared by copies). */
    Map<String, Object> startMap() {
        if (startMap == null) {
            startMap = Collections.unmodifiableMap(EventJson.toMap(start));
        }
        return startMap;
    }

    /** The last event as a JSON map (read-only, shared by copies). */
    Map<String, Object> lastMap() {
        if (lastMap == null) {
            lastMap = Collections.unmodifiableMap(EventJson.toMap(last));
        }
        return lastMap;
    }

    /** Restores the maps a snapshot held, so that decoding does not encode them again. */
    void maps(Map<String, Object> start, Map<String, Object> last) {
        this.startMap = Collections.unmodifiableMap(start);
        this.lastMap = Collections.unmodifiableMap(last);
    }

    /** A deep enough copy: lists are copied, their elements are immutable. */
    public Instance copy() {
        Instance copy = new Instance();
        copy.key = key;
        copy.state = state;
        copy.status = status;
        copy.start = start;
        copy.last = last;
        copy.startMap = startMap;
        copy.lastMap = lastMap;
        copy.startedAt = startedAt;
        copy.updatedAt = updatedAt;
        copy.entries = entries;
        copy.records = records;
        copy.phase = phase;
        copy.nextStep = nextStep;
        copy.pendingStep = pendingStep;
        copy.failing = failing;
        copy.cancelling = cancelling;
        copy.failure = failure;
        copy.timers.addAll(timers);
        copy.done.addAll(done);
        copy.compensations.addAll(compensations);
        copy.deferred.addAll(deferred);
        return copy;
    }

    public String key() {
        return key;
    }

    public String state() {
        return state;
    }

    public InstanceStatus status() {
        return status;
    }

    /** The event that started the instance. */
    public Event start() {
        return start;
    }

    /** The last event, signal or timer event that moved the instance: what its current steps see. */
    public Event last() {
        return last;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** How many history records the instance has: the next record's number. */
    public long records() {
        return records;
    }

    public Phase phase() {
        return phase;
    }

    /** The outside step being carried out, whose outcome the instance waits for; null when none. */
    public String pendingStep() {
        return pendingStep;
    }

    /** Why the instance failed; null unless it did. */
    public String failure() {
        return failure;
    }

    public List<ScheduledTimer> timers() {
        return List.copyOf(timers);
    }

    public List<DoneStep> done() {
        return List.copyOf(done);
    }

    public List<PendingCompensation> compensations() {
        return List.copyOf(compensations);
    }

    /** Inputs that arrived while steps were running, handled in order once they are done. */
    public List<Input> deferred() {
        return List.copyOf(deferred);
    }

    /** Whether steps are running: new inputs wait. */
    public boolean busy() {
        return phase != Phase.IDLE;
    }
}
