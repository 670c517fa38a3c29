package dev.flows.workflow.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One workflow's timers in due order, rebuilt from the instance snapshots at start. Entries of timers that were
 * cancelled stay until they come due and are then dropped by the decider (a timer not in its instance fires
 * nothing). Not thread-safe; the task's thread only.
 */
final class TimerQueue {

    /** A timer of instance {@code key}. */
    record Entry(Instant due, String key, String timer) {}

    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>((a, b) -> a.due().compareTo(b.due()));

    void add(Instant due, String key, String timer) {
        queue.add(new Entry(due, key, timer));
    }

    /** Up to {@code max} entries due at or before {@code now}, earliest first, removed from the queue. */
    List<Entry> due(Instant now, int max) {
        List<Entry> due = new ArrayList<>();
        while (due.size() < max && !queue.isEmpty() && !queue.peek().due().isAfter(now)) {
            due.add(queue.poll());
        }
        return due;
    }

    /** The earliest due time, or null when no timer is waiting. */
    Instant next() {
        Entry first = queue.peek();
        return first == null ? null : first.due();
    }

    int size() {
        return queue.size();
    }

    void clear() {
        queue.clear();
    }
}
