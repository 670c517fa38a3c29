package dev.flows.engine.runtime;

import dev.flows.engine.expression.RawEventVariables;

/**
 * The lazy reader a task uses for events as stored: one {@link RawEventVariables} per task thread, pointed at
 * whichever stored event is being read. Reading another event re-scans it (a single pass over its bytes), so an
 * event held for later (a table update at commit time) can still be read; values read stay valid after the
 * next scan. Confined to the task's thread.
 */
final class EventScanner {

    private final RawEventVariables variables = new RawEventVariables();
    private Object current;

    /** The variables of {@code owner}'s stored bytes, scanning them unless they are the ones last scanned. */
    RawEventVariables scan(Object owner, byte[] buffer, int offset, int length) {
        if (current != owner) {
            variables.reset(buffer, offset, length);
            current = owner;
        }
        return variables;
    }
}
