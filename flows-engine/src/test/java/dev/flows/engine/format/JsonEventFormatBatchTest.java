package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonEventFormatBatchTest {

    private final JsonEventFormat format = new JsonEventFormat();

    private static String event(int n) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + n + "\",\"source\":\"/s\",\"type\":\"t\",\"data\":{\"n\":" + n
                + "}}";
    }

    private InvalidEventException batchFailure(String json) {
        return catchThrowableOfType(
                InvalidEventException.class, () -> format.decodeBatch(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldDecodeBatchInOrder() {
        String json = "[" + event(0) + ",\n" + event(1) + "," + event(2) + "]";

        List<Event> events = format.decodeBatch(json.getBytes(StandardCharsets.UTF_8));

        assertThat(events).extracting(Event::id).containsExactly("0", "1", "2");
        assertThat(events.get(2).data()).isEqualTo(Map.of("n", 2L));
    }

    @Test
    void shouldDecodeEmptyBatchAsEmptyList() {
        assertThat(format.decodeBatch(" [ ] ".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void shouldRoundTripEncodedBatch() {
        List<Event> events = List.of(Event.of("1", "/s", "t", Map.of("a", 1L)), Event.of("2", "/s", "t", "x"));

        assertThat(format.decodeBatch(format.encodeBatch(events))).isEqualTo(events);
        assertThat(new String(format.encodeBatch(List.of()), StandardCharsets.UTF_8))
                .isEqualTo("[]");
    }

    @Test
    void shouldRejectBatchElementWithoutTypeWithPointer() {
        String json = "[" + event(0) + "," + event(1) + "," + event(2)
                + ",{\"specversion\":\"1.0\",\"id\":\"3\",\"source\":\"/s\"}," + event(4) + "]";

        InvalidEventException e = batchFailure(json);

        assertThat(e.pointer()).isEqualTo("/3/type");
        assertThat(e.getMessage())
                .isEqualTo("event 3 of the batch: required attribute 'type' is missing; every CloudEvent needs"
                        + " specversion, id, source and type, e.g. \"type\": \"shop.order.placed\"");
    }

    @Test
    void shouldRejectWholeBatchWhenOnlyTheLastElementIsInvalid() {
        String json = "[" + event(0) + "," + event(1) + ",{\"specversion\":\"1.0\",\"id\":\"2\",\"source\":\"/s\","
                + "\"type\":\"t\",\"time\":\"noon\"}]";

        InvalidEventException e = batchFailure(json);

        assertThat(e.pointer()).isEqualTo("/2/time");
        assertThat(e.getMessage()).startsWith("event 2 of the batch: attribute 'time' value 'noon'");
    }

    @Test
    void shouldPointIntoTheDataOfABatchElement() {
        String json = "[" + event(0) + ",{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\","
                + "\"data\":{\"lines\":[{\"q\":1,\"q\":2}]}}]";

        InvalidEventException e = batchFailure(json);

        assertThat(e.pointer()).isEqualTo("/1/data/lines/0/q");
        assertThat(e.getMessage()).startsWith("duplicate key 'q' at '/1/data/lines/0/q'");
    }

    @Test
    void shouldRejectBatchElementThatIsNotAnObject() {
        InvalidEventException e = batchFailure("[" + event(0) + ",\"second\"]");

        assertThat(e.pointer()).isEqualTo("/1");
        assertThat(e.getMessage())
                .isEqualTo("event 1 of the batch is a string, not a JSON object; every element of a batch must be a"
                        + " CloudEvent object");
    }

    @Test
    void shouldRejectBatchThatIsNotAnArray() {
        InvalidEventException e = batchFailure(event(0));

        assertThat(e.pointer()).isEmpty();
        assertThat(e.getMessage())
                .isEqualTo("batch body is an object, not a JSON array; send application/cloudevents-batch+json as a"
                        + " JSON array of event objects, e.g. [{\"specversion\": \"1.0\", ...}], or a single event"
                        + " as application/cloudevents+json");
    }

    @Test
    void shouldRejectMalformedBatchWithLineAndColumn() {
        InvalidEventException e = batchFailure("[" + event(0) + ",\n" + event(1) + ",]");

        assertThat(e.pointer()).isEmpty();
        assertThat(e.getMessage())
                .startsWith("malformed JSON at line 2, column ")
                .endsWith("; send a batch as one JSON array of event objects");
    }

    @Test
    void shouldRejectContentAfterTheBatch() {
        InvalidEventException e = batchFailure("[] []");

        assertThat(e.pointer()).isEmpty();
        assertThat(e.getMessage())
                .isEqualTo("malformed JSON at line 1, column 4: more content after the end of the batch array;"
                        + " send a batch as one JSON array of event objects");
    }
}
