package dev.flows.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.values.NullValue;
import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonEventFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawEventVariablesTest {

    private static final JsonEventFormat FORMAT = new JsonEventFormat();

    private static byte[] json(Event event) {
        return FORMAT.encode(event);
    }

    @Test
    void shouldBindWhatOfBindsForTheDecodedEvent() {
        Event event = new Event(
                "e-1",
                "/shop",
                "shop.order.placed",
                Event.SPEC_VERSION,
                null,
                Instant.parse("2024-05-01T10:15:30.250Z"),
                "application/json",
                null,
                Map.of("region", "eu"),
                Map.of("amount", 600.5, "qty", 3L));
        byte[] bytes = json(event);

        Map<String, Object> variables = EventVariables.ofJson(bytes, 0, bytes.length);

        assertThat(variables).isEqualTo(EventVariables.of(event)).containsEntry("subject", "");
        assertThat(variables.keySet()).containsExactlyElementsOf(EventVariables.NAMES);
        assertThat(((RawEventVariables) variables).event()).isEqualTo(event);
    }

    @Test
    void shouldBindAbsentTimeAndDataAsNull() {
        byte[] bytes = json(Event.of("e-2", "/shop", "shop.ping", null));

        Map<String, Object> variables = EventVariables.ofJson(bytes, 0, bytes.length);

        assertThat(variables)
                .containsEntry("time", NullValue.NULL_VALUE)
                .containsEntry("data", NullValue.NULL_VALUE)
                .containsEntry("dataschema", "");
        assertThat(variables.get("row")).isNull();
        assertThat(variables.containsKey("row")).isFalse();
    }

    @Test
    void shouldMoveToTheNextEventOnResetWhileValuesReadStayValid() {
        RawEventVariables variables = new RawEventVariables();
        byte[] first = json(Event.of("e-1", "/shop", "first", Map.of("n", 1L)));
        byte[] second = json(Event.of("e-2", "/shop", "second", Map.of("n", 2L)));

        Object firstData = variables.reset(first, 0, first.length).get("data");
        variables.reset(second, 0, second.length);

        assertThat(variables.get("type")).isEqualTo("second");
        assertThat(variables.raw().partitionKey()).isNull();
        assertThat(firstData).isEqualTo(Map.of("n", 1L));
    }

    @Test
    void shouldRefuseAnInvalidEventWithTheByteOffset() {
        byte[] bytes = "{\"specversion\":\"1.0\",\"id\":\"1\" \"source\":\"/s\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventVariables.ofJson(bytes, 0, bytes.length))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith(
                        "malformed JSON at byte 30 of the event: expected ',' or '}' after an attribute");
    }
}
