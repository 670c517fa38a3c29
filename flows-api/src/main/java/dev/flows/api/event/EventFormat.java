package dev.flows.api.event;

/**
 * Turns events into bytes and back: the one encoding used on channels and on the wire, so an event
 * is converted once at the edge and stays in this form. Implementations are thread-safe.
 */
public interface EventFormat {

    /** The media type of {@link #encode}'s output, for example {@code application/cloudevents+json}. */
    String mediaType();

    /** Encodes one event. Never fails for an event built through {@link Event}'s constructor. */
    byte[] encode(Event event);

    /**
     * Decodes one event.
     *
     * @throws dev.flows.api.error.InvalidEventException if the bytes are not a valid event; the message says
     *     which attribute or byte offset is wrong and how to fix it
     */
    Event decode(byte[] bytes);
}
