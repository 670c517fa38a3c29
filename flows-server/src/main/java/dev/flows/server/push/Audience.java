package dev.flows.server.push;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.flow.Destination;
import dev.flows.engine.format.RawEvent;

/**
 * Decides which notifications one subscriber gets: those addressed to its user (the {@value
 * Destination.ToPush#USER_EXTENSION} extension attribute), and those addressed to no one (broadcasts). A
 * subscriber without a user gets broadcasts only. Reads the attribute in place, without decoding the event.
 * Not thread-safe: one per partition reader.
 */
final class Audience {

    private final String user;
    private final RawEvent raw = new RawEvent();

    /** @param user the subscriber's user; null for one that gets broadcasts only */
    Audience(String user) {
        this.user = user;
    }

    /**
     * Whether the stored event {@code value} is for this subscriber.
     *
     * @throws InvalidEventException if the bytes are not a CloudEvent (nothing Flows appends is like that)
     */
    boolean includes(byte[] value) {
        if (value == null) {
            return false; // a compaction tombstone: nothing to notify
        }
        Object addressee = raw.reset(value, 0, value.length).extensions().get(Destination.ToPush.USER_EXTENSION);
        return addressee == null || (user != null && user.equals(addressee.toString()));
    }
}
