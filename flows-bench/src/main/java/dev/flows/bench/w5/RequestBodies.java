package dev.flows.bench.w5;

import dev.flows.bench.event.Events;

/**
 * The bodies of one pass's requests, encoded before anything is timed so that the load generator spends its
 * CPU on HTTP alone: for {@link W5Mode#SINGLE} each input line as it is (shared, not copied), for {@link
 * W5Mode#BATCH_100} a JSON array of 100 lines (the last may hold fewer).
 *
 * @param mode   how the events are grouped
 * @param bodies one body per request, in input order; never modified
 * @param events the number of events all bodies hold together
 */
record RequestBodies(W5Mode mode, byte[][] bodies, long events) {

    /** The bodies that post every event of {@code events} in {@code mode}. */
    static RequestBodies of(Events events, W5Mode mode) {
        int size = mode.eventsPerRequest();
        byte[][] bodies = new byte[Math.ceilDiv(events.count(), size)][];
        for (int r = 0; r < bodies.length; r++) {
            int from = r * size;
            int to = Math.min(events.count(), from + size);
            bodies[r] = mode.batched() ? array(events, from, to) : events.line(from);
        }
        return new RequestBodies(mode, bodies, events.count());
    }

    /** The number of requests. */
    int count() {
        return bodies.length;
    }

    /** The body of request {@code index}. */
    byte[] body(int index) {
        return bodies[index];
    }

    /** {@code [line_from,...,line_to-1]}. */
    private static byte[] array(Events events, int from, int to) {
        int length = 2 + (to - from - 1);
        for (int i = from; i < to; i++) {
            length += events.line(i).length;
        }
        byte[] body = new byte[length];
        body[0] = '[';
        int at = 1;
        for (int i = from; i < to; i++) {
            if (i > from) {
                body[at++] = ',';
            }
            byte[] line = events.line(i);
            System.arraycopy(line, 0, body, at, line.length);
            at += line.length;
        }
        body[at] = ']';
        return body;
    }
}
