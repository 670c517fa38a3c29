package dev.flows.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.values.NullValue;
import dev.flows.api.event.Event;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventVariablesTest {

    @Test
    void shouldBindEveryAttributeWithEmptyStringsForAbsentOnes() {
        Map<String, Object> variables = EventVariables.of(Event.of("e-1", "/shop", "shop.ping", null));
        assertThat(variables.keySet()).containsExactlyInAnyOrderElementsOf(EventVariables.NAMES);
        assertThat(variables)
                .containsEntry("id", "e-1")
                .containsEntry("source", "/shop")
                .containsEntry("type", "shop.ping")
                .containsEntry("specversion", "1.0")
                .containsEntry("subject", "")
                .containsEntry("datacontenttype", "")
                .containsEntry("dataschema", "")
                .containsEntry("time", NullValue.NULL_VALUE)
                .containsEntry("data", NullValue.NULL_VALUE);
    }

    @Test
    void shouldBindTimeAsInstant() {
        Instant time = Instant.parse("2024-05-01T10:15:30Z");
        Event event = new Event("e", "/s", "t", "1.0", null, time, null, null, Map.of(), null);
        assertThat(EventVariables.of(event)).containsEntry("time", time);
    }

    @Test
    void shouldAddAVariableWithoutCopyingTheBase() {
        Map<String, Object> base = EventVariables.of(Event.of("e-1", "/shop", "shop.ping", null));
        Map<String, Object> withRow = EventVariables.with(base, "row", null);
        assertThat(withRow).hasSize(base.size() + 1).containsEntry("row", NullValue.NULL_VALUE);
        assertThat(withRow.get("id")).isEqualTo("e-1");
        assertThat(EventVariables.with(withRow, "row", "again").get("row")).isEqualTo("again");
    }
}
