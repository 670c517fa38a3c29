package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import java.util.List;

/**
 * Fuzzes the structured and batch decoders (Jazzer). Whatever the bytes, a decoder either returns events or throws
 * {@link InvalidEventException} with a message; any other throwable (a Jackson exception leaking, an NPE, an index
 * out of bounds, a stack overflow) fails the test. What decodes must survive a round trip: encoding it and decoding
 * that gives an equal event, and encoding again gives the same bytes.
 *
 * <p>A normal build runs only the committed inputs, in {@code JsonEventFormatFuzzTestInputs/<method>/} under
 * {@code src/test/resources} (Jazzer's regression mode; valid events and batches, and nasty ones: deep nesting, huge
 * numbers, invalid UTF-8, duplicate keys, NUL bytes). {@code JAZZER_FUZZ=1} fuzzes one method for real; the README's
 * testing section has the command.
 */
class JsonEventFormatFuzzTest {

    private static final JsonEventFormat FORMAT = new JsonEventFormat();

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] input) {
        Event event;
        try {
            event = FORMAT.decode(input);
        } catch (InvalidEventException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        EventRoundTrip.check(FORMAT, event);
    }

    @FuzzTest(maxDuration = "5m")
    void decodeBatch(byte[] input) {
        List<Event> events;
        try {
            events = FORMAT.decodeBatch(input);
        } catch (InvalidEventException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        events.forEach(event -> EventRoundTrip.check(FORMAT, event));
        assertThat(FORMAT.decodeBatch(FORMAT.encodeBatch(events))).hasSameSizeAs(events);
    }
}
