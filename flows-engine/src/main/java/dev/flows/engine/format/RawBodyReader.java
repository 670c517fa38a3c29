package dev.flows.engine.format;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a structured-mode or batch body for storage with {@link RawEvent}: one pass over each event, which checks
 * it and copies its data into stored form ({@link RawDataCopier}), with no Jackson parser and no tokens. It accepts
 * what {@link JsonEventFormat#decodeForStorage} accepts, giving equal events; its refusals only say that the body
 * cannot be read this way ({@link JsonEventFormat} then reads it with Jackson, which says exactly what is wrong
 * and where). One instance per body; not thread-safe.
 */
final class RawBodyReader {

    private final RawEvent event = new RawEvent();
    private final JsonScanner array = new JsonScanner();

    /**
     * The one event of a structured-mode body.
     *
     * @throws InvalidEventException if this reading refuses it
     */
    Event event(byte[] body) {
        requireShortStrings(body);
        array.reset(body, 0, body.length);
        int end = array.skipWhitespace(event.readForStorage(body, 0, body.length));
        if (end != body.length) {
            throw array.malformed(end, "the end of the event after its closing '}'");
        }
        return event.eventForStorage();
    }

    /**
     * The events of a batch body, a JSON array of event objects.
     *
     * @throws InvalidEventException if this reading refuses it
     */
    List<Event> batch(byte[] body) {
        requireShortStrings(body);
        array.reset(body, 0, body.length);
        int p = array.skipWhitespace(array.expect(array.skipWhitespace(0), '[', "a JSON array of events"));
        List<Event> events = new ArrayList<>();
        if (array.peek(p) == ']') {
            p++;
        } else {
            while (true) {
                if (array.peek(p) != '{') {
                    throw array.malformed(p, "an event object");
                }
                p = array.skipWhitespace(event.readForStorage(body, p, body.length));
                events.add(event.eventForStorage());
                if (array.peek(p) == ']') {
                    p++;
                    break;
                }
                p = array.skipWhitespace(array.expect(p, ',', "',' or ']' after an event"));
            }
        }
        if (array.skipWhitespace(p) != body.length) {
            throw array.malformed(p, "the end of the batch after its closing ']'");
        }
        return events;
    }

    /** Refuses a body long enough to hold a string longer than Jackson reads, which this reading does not count. */
    private static void requireShortStrings(byte[] body) {
        if (body.length > StrictJson.MAX_STRING_LENGTH) {
            throw new InvalidEventException(
                    "", "the body is " + body.length + " bytes long, longer than the longest string Jackson reads");
        }
    }
}
