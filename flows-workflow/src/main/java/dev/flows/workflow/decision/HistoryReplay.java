package dev.flows.workflow.decision;

import dev.flows.api.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays one instance's history through the current {@link Decider}: every input record is decided again,
 * and what the decider makes of it must be exactly the records that follow it. This is how a changed workflow
 * or decider is checked against recorded histories (Temporal's replay test), and it proves that snapshots are
 * only a cache: the history alone rebuilds the instance. Stateless; thread-safe.
 */
public final class HistoryReplay {

    /**
     * What a replay found.
     *
     * @param instance   the instance the history rebuilds (as far as it agreed)
     * @param divergence null when every record agreed; else what differs, naming the record
     */
    public record Result(Instance instance, String divergence) {

        /** Whether the history replayed without a difference. */
        public boolean agrees() {
            return divergence == null;
        }
    }

    private HistoryReplay() {}

    /** Replays {@code history}, oldest first, all of one instance. */
    public static Result replay(Decider decider, List<Event> history) {
        Instance instance = null;
        int position = 0;
        while (position < history.size()) {
            Event recorded = history.get(position);
            if (!HistoryTypes.INPUTS.contains(recorded.type())) {
                return new Result(
                        instance,
                        "record " + position + " (" + recorded.id() + ", " + recorded.type()
                                + ") is not an input, but the replay expected the next input there; the decider made"
                                + " fewer records of the input before it than were recorded");
            }
            Decision decision = decider.decide(instance, Input.fromRecord(recorded));
            if (decision.records().isEmpty()) {
                return new Result(
                        instance,
                        "record " + position + " (" + recorded.id() + ", " + recorded.type()
                                + ") was recorded, but the current decider ignores that input");
            }
            List<Event> made = decision.records();
            for (int i = 0; i < made.size(); i++) {
                int at = position + i;
                if (at >= history.size()) {
                    return new Result(
                            instance,
                            "the decider made record " + at + " (" + made.get(i).type() + " "
                                    + made.get(i).data() + ") after the end of the recorded history");
                }
                String difference = difference(history.get(at), made.get(i));
                if (difference != null) {
                    return new Result(
                            instance,
                            "record " + at + " (" + history.get(at).id() + ", "
                                    + history.get(at).type() + ") diverges: " + difference);
                }
            }
            instance = decision.instance();
            position += made.size();
        }
        return new Result(instance, null);
    }

    private static String difference(Event recorded, Event made) {
        Map<String, Object> expected = EventJson.toMap(recorded);
        Map<String, Object> actual = EventJson.toMap(made);
        if (expected.equals(actual)) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        for (String field : union(expected, actual)) {
            if (!Objects.equals(expected.get(field), actual.get(field))) {
                fields.add(field + ": recorded " + expected.get(field) + ", now " + actual.get(field));
            }
        }
        return String.join("; ", fields);
    }

    private static List<String> union(Map<String, Object> a, Map<String, Object> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(key -> !a.containsKey(key)).forEach(keys::add);
        return keys;
    }
}
