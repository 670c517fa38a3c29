package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fuzzes the structured and batch decoders (Jazzer). Whatever the bytes, a decoder either returns events or throws
 * {@link InvalidEventException} with a message; any other throwable (a Jackson exception leaking, an NPE, an index
 * out of bounds, a stack overflow) fails the test. What decodes must survive a round trip: encoding it and decoding
 * that gives an equal event, and encoding again gives the same bytes. The decoders for storage, which ingest uses and
 * which read in place before falling back to Jackson, must give exactly what decoding and encoding give: the same
 * bytes, or the same refusal.
 *
 * <p>A normal build runs only the committed inputs, in {@code JsonEventFormatFuzzTestInputs/<method>/} under
 * {@code src/test/resources} (Jazzer's regression mode; valid events and batches, and nasty ones: deep nesting, huge
 * numbers, invalid UTF-8, duplicate keys, NUL bytes); JsonEventFormatStorageTest runs those inputs through the
 * decoders for storage. {@code JAZZER_FUZZ=1} fuzzes one method for real; the README's testing section has the
 * command.
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

    @FuzzTest(maxDuration = "5m")
    void decodeForStorage(byte[] input) {
        assertThat(outcome(() -> FORMAT.encode(FORMAT.decodeForStorage(input))))
                .isEqualTo(outcome(() -> FORMAT.encode(FORMAT.decode(input))));
    }

    @FuzzTest(maxDuration = "5m")
    void decodeBatchForStorage(byte[] input) {
        assertThat(outcome(() -> FORMAT.encodeBatch(FORMAT.decodeBatchForStorage(input))))
                .isEqualTo(outcome(() -> FORMAT.encodeBatch(FORMAT.decodeBatch(input))));
    }

    /** The bytes as text, or the refusal's pointer and message. */
    private static String outcome(Supplier<byte[]> encoding) {
        try {
            return new String(encoding.get(), StandardCharsets.UTF_8);
        } catch (InvalidEventException e) {
            assertThat(e.getMessage()).isNotBlank();
            // Jackson counts a too long number where its recycled buffer happened to end: not part of the answer.
            return "refused " + e.pointer() + " "
                    + e.getMessage().replaceAll("Number value length \\(\\d+\\)", "Number value length (n)");
        }
    }
}
