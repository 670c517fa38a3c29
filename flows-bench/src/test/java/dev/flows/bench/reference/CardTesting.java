package dev.flows.bench.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * W4a as WORKLOADS.md defines it: for each payment failure e, the alert {@code {user, id: e.id}} when the
 * user (the subject) has at least 3 payment failures with times in [e.time - 300 s, e.time], e included.
 * Each user's failure times are sorted once, and each failure counts its window by binary search. Not
 * thread-safe.
 */
final class CardTesting {

    static final long WITHIN_MS = 300_000;
    static final int TIMES = 3;

    /** A failure: who, which event, when. */
    private record Failure(String user, String id, long timeMs) {}

    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, List<Long>> timesByUser = new HashMap<>();

    void accept(InputEvent event) {
        if (event.type().equals("shop.payment.failed")) {
            failures.add(new Failure(event.subject(), event.id(), event.timeMs()));
            timesByUser.computeIfAbsent(event.subject(), u -> new ArrayList<>()).add(event.timeMs());
        }
    }

    List<ObjectNode> alerts() {
        timesByUser.values().forEach(Collections::sort);
        List<ObjectNode> alerts = new ArrayList<>();
        for (Failure failure : failures) {
            List<Long> times = timesByUser.get(failure.user());
            int from = firstAtOrAfter(times, failure.timeMs() - WITHIN_MS);
            int to = firstAtOrAfter(times, failure.timeMs() + 1);
            if (to - from >= TIMES) {
                ObjectNode alert = Rows.object();
                alert.put("user", failure.user());
                alert.put("id", failure.id());
                alerts.add(alert);
            }
        }
        return alerts;
    }

    /** The index of the first time at or after {@code time} in a sorted list. */
    private static int firstAtOrAfter(List<Long> sorted, long time) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted.get(middle) < time) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
