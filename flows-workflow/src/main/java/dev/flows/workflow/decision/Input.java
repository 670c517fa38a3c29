package dev.flows.workflow.decision;

import dev.flows.api.event.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing that happens to an instance, with the time it happened. Every input is recorded in the history
 * (as the first record of its decision), so the history alone replays the instance. Immutable.
 */
public sealed interface Input {

    /** The instance's key. */
    String key();

    /** When the input happened, to the millisecond: the time of its history record. */
    Instant at();

    /** The type of its history record. */
    String recordType();

    /** The data of its history record, from which {@link #fromRecord} rebuilds it. */
    Map<String, Object> recordData();

    /** An event of a source channel: a start event, or one that may move its instance. */
    record Received(String key, Event event, Instant at) implements Input {
        @Override
        public String recordType() {
            return HistoryTypes.EVENT_RECEIVED;
        }

        @Override
        public Map<String, Object> recordData() {
            return Map.of("event", EventJson.toMap(event));
        }
    }

    /** A signal: an event whose type is the signal's name and whose data is the signal's. */
    record Signal(String key, Event event, Instant at) implements Input {
        @Override
        public String recordType() {
            return HistoryTypes.SIGNAL_RECEIVED;
        }

        @Override
        public Map<String, Object> recordData() {
            return Map.of("event", EventJson.toMap(event));
        }
    }

    /** A timer came due and was fired at {@code at}, which is never before {@code due}. */
    record TimerFired(String key, String timer, Instant due, Instant at) implements Input {
        @Override
        public String recordType() {
            return HistoryTypes.TIMER_FIRED;
        }

        @Override
        public Map<String, Object> recordData() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("timer", timer);
            data.put("due", due.toString());
            data.put("lateMs", at.toEpochMilli() - due.toEpochMilli());
            return data;
        }
    }

    /** An outside step's outcome after its attempts. */
    record StepOutcome(String key, String step, boolean ok, int attempts, String detail, Instant at) implements Input {
        @Override
        public String recordType() {
            return ok ? HistoryTypes.ACTION_COMPLETED : HistoryTypes.ACTION_FAILED;
        }

        @Override
        public Map<String, Object> recordData() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("step", step);
            data.put("attempts", (long) attempts);
            data.put(ok ? "detail" : "reason", detail);
            return data;
        }
    }

    /** Cancellation asked for; the instance compensates what it did and ends cancelled. */
    record Cancel(String key, String reason, Instant at) implements Input {
        @Override
        public String recordType() {
            return HistoryTypes.CANCEL_REQUESTED;
        }

        @Override
        public Map<String, Object> recordData() {
            return Map.of("reason", reason);
        }
    }

    /**
     * The input a history record holds, if its type is an input's.
     *
     * @throws IllegalArgumentException if its data is not what its type needs
     */
    static Input fromRecord(Event record) {
        Map<?, ?> data = record.data() instanceof Map<?, ?> map ? map : Map.of();
        String key = record.subject();
        Instant at = record.time();
        return switch (record.type()) {
            case HistoryTypes.STARTED, HistoryTypes.EVENT_RECEIVED ->
                new Received(key, EventJson.fromMap(data.get("event")), at);
            case HistoryTypes.SIGNAL_RECEIVED -> new Signal(key, EventJson.fromMap(data.get("event")), at);
            case HistoryTypes.TIMER_FIRED ->
                new TimerFired(key, (String) data.get("timer"), Instant.parse((String) data.get("due")), at);
            case HistoryTypes.ACTION_COMPLETED, HistoryTypes.ACTION_FAILED -> {
                boolean ok = record.type().equals(HistoryTypes.ACTION_COMPLETED);
                yield new StepOutcome(
                        key,
                        (String) data.get("step"),
                        ok,
                        ((Number) data.get("attempts")).intValue(),
                        (String) data.get(ok ? "detail" : "reason"),
                        at);
            }
            case HistoryTypes.CANCEL_REQUESTED -> new Cancel(key, (String) data.get("reason"), at);
            default ->
                throw new IllegalArgumentException("record " + record.id() + " of type " + record.type()
                        + " is not an input; inputs are " + HistoryTypes.INPUTS);
        };
    }
}
