package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import java.util.Arrays;

/**
 * The round-trip property of a decoded event: encoding it and decoding the bytes gives an equal event, and encoding
 * that gives the same bytes again. Equal as {@link Event#equals} says, except that binary data (a {@code byte[]},
 * which a record compares by identity) is compared by content.
 */
final class EventRoundTrip {

    private EventRoundTrip() {}

    static void check(JsonEventFormat format, Event event) {
        byte[] encoded = format.encode(event);
        Event again = format.decode(encoded);
        assertThat(again.withData(null)).isEqualTo(event.withData(null));
        if (event.data() instanceof byte[] bytes) {
            assertThat(again.data()).isInstanceOf(byte[].class);
            assertThat(Arrays.equals((byte[]) again.data(), bytes)).isTrue();
        } else {
            assertThat(again.data()).isEqualTo(event.data());
        }
        assertThat(format.encode(again)).isEqualTo(encoded);
    }
}
