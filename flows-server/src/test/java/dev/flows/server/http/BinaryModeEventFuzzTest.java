package dev.flows.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonEventFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzzes the binary-mode decoder (Jazzer) with requests written as plain text, so that the committed inputs read
 * like the requests they stand for: header lines {@code Name: value} up to the first empty line, then the body.
 * Header bytes are read as ISO-8859-1, as HTTP/1.1 carries them, so every byte value reaches the decoder. Whatever
 * the request, the decoder returns an event or throws {@link InvalidEventException} with a message; anything else
 * fails. A decoded event must encode in structured mode and decode to an equal event.
 *
 * <p>The inputs are in {@code BinaryModeEventFuzzTestInputs/decode/} under {@code src/test/resources}; a normal
 * build runs only them, {@code JAZZER_FUZZ=1} fuzzes (see the README's testing section).
 */
class BinaryModeEventFuzzTest {

    private static final JsonEventFormat FORMAT = new JsonEventFormat();

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] input) {
        int end = headEnd(input);
        Map<String, String> headers = headers(new String(input, 0, end, StandardCharsets.ISO_8859_1));
        byte[] body = Arrays.copyOfRange(input, Math.min(input.length, end + 2), input.length);
        Event event;
        try {
            event = BinaryModeEvent.decode(headers, contentType(headers), body, FORMAT);
        } catch (InvalidEventException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        Event again = FORMAT.decode(FORMAT.encode(event));
        assertThat(again.withData(null)).isEqualTo(event.withData(null));
        if (event.data() instanceof byte[] bytes) {
            assertThat((byte[]) again.data()).isEqualTo(bytes);
        } else {
            assertThat(again.data()).isEqualTo(event.data());
        }
    }

    /** Where the head ends: the first "\n\n", or the end of the input. */
    private static int headEnd(byte[] input) {
        for (int i = 0; i + 1 < input.length; i++) {
            if (input[i] == '\n' && input[i + 1] == '\n') {
                return i;
            }
        }
        return input.length;
    }

    /** One header a line, split at the first colon, the value trimmed of spaces; the last of equal names wins. */
    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : head.split("\n", -1)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static String contentType(Map<String, String> headers) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
