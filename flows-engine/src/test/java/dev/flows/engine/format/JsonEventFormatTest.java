package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonEventFormatTest {

    private final JsonEventFormat format = new JsonEventFormat();

    private static Event shopEvent() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("partitionkey", "customer-7");
        extensions.put("priority", 3L);
        extensions.put("sampled", true);
        extensions.put("ratio", 0.25);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", "A-1");
        item.put("qty", 2L);
        item.put("price", 12.0);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", "order-1001");
        data.put("items", List.of(item));
        data.put("note", null);
        data.put("gift", false);
        return new Event(
                "order-1001",
                "/shop/checkout",
                "shop.order.placed",
                "1.0",
                "order-1001",
                Instant.parse("2024-05-01T12:30:00.123Z"),
                "application/json",
                "https://example.com/schemas/order.json",
                extensions,
                data);
    }

    @Test
    void shouldHaveCloudEventsJsonMediaType() {
        assertThat(format.mediaType()).isEqualTo("application/cloudevents+json");
    }

    @Test
    void shouldEncodeGoldenJson() {
        String json = new String(format.encode(shopEvent()), StandardCharsets.UTF_8);

        assertThat(json)
                .isEqualTo("{\"specversion\":\"1.0\",\"id\":\"order-1001\",\"source\":\"/shop/checkout\","
                        + "\"type\":\"shop.order.placed\",\"subject\":\"order-1001\","
                        + "\"time\":\"2024-05-01T12:30:00.123Z\",\"datacontenttype\":\"application/json\","
                        + "\"dataschema\":\"https://example.com/schemas/order.json\","
                        + "\"partitionkey\":\"customer-7\",\"priority\":3,\"sampled\":true,\"ratio\":0.25,"
                        + "\"data\":{\"orderId\":\"order-1001\",\"items\":[{\"sku\":\"A-1\",\"qty\":2,\"price\":12.0}],"
                        + "\"note\":null,\"gift\":false}}");
    }

    @Test
    void shouldEncodeOnlyRequiredAttributesWhenOthersAreAbsent() {
        String json = new String(format.encode(Event.of("1", "/s", "t", null)), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}");
    }

    @Test
    void shouldRoundTripEveryAttributeExtensionAndNestedData() {
        Event event = shopEvent();

        Event decoded = format.decode(format.encode(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.extensions()).containsExactlyEntriesOf(event.extensions());
        assertThat(map(decoded.data()).keySet()).containsExactly("orderId", "items", "note", "gift");
    }

    @Test
    void shouldEncodeByteArrayDataAsDataBase64AndDecodeItBack() {
        Event event = Event.of("1", "/s", "t", new byte[] {104, 101, 108, 108, 111, -1});

        byte[] encoded = format.encode(event);
        Event decoded = format.decode(encoded);

        assertThat(new String(encoded, StandardCharsets.UTF_8)).endsWith(",\"data_base64\":\"aGVsbG//\"}");
        assertThat((byte[]) decoded.data()).containsExactly(104, 101, 108, 108, 111, -1);
    }

    @Test
    void shouldDecodeEmptyDataBase64AsEmptyBytes() {
        Event decoded = format.decode(json(
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"," + "\"data_base64\":\"\"}"));

        assertThat((byte[]) decoded.data()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2024-05-01T12:30:00Z",
        "2024-05-01T12:30:00.100Z",
        "2024-05-01T12:30:00.123456Z",
        "2024-05-01T12:30:00.123456789Z",
        "1970-01-01T00:00:00Z"
    })
    void shouldKeepTimeWithTheInstantsPrecision(String time) {
        Event event = new Event("1", "/s", "t", "1.0", null, Instant.parse(time), null, null, Map.of(), null);

        byte[] encoded = format.encode(event);

        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("\"time\":\"" + time + "\"");
        assertThat(format.decode(encoded).time()).isEqualTo(Instant.parse(time));
    }

    @ParameterizedTest
    @CsvSource({
        "2024-05-01T14:30:00+02:00, 2024-05-01T12:30:00Z",
        "2024-05-01t12:30:00z, 2024-05-01T12:30:00Z",
        "2024-05-01T12:30:00.5-01:30, 2024-05-01T14:00:00.5Z",
        "2024-05-01T12:30:00-00:00, 2024-05-01T12:30:00Z"
    })
    void shouldDecodeTimeWithAnyOffsetAsInstant(String time, String instant) {
        Event decoded = format.decode(json("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\","
                + "\"time\":\"" + time + "\"}"));

        assertThat(decoded.time()).isEqualTo(Instant.parse(instant));
    }

    @Test
    void shouldMapJsonNumbersToLongAndDouble() {
        Event decoded = format.decode(json("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\","
                + "\"data\":{\"int\":42,\"negative\":-7,\"whole\":12.0,\"decimal\":0.1,\"exponent\":1e3,"
                + "\"max\":9223372036854775807,\"beyondLong\":9223372036854775808}}"));

        assertThat(map(decoded.data()))
                .containsEntry("int", 42L)
                .containsEntry("negative", -7L)
                .containsEntry("whole", 12.0)
                .containsEntry("decimal", 0.1)
                .containsEntry("exponent", 1000.0)
                .containsEntry("max", Long.MAX_VALUE)
                .containsEntry("beyondLong", 9.223372036854775808E18);
    }

    @Test
    void shouldDecodeAttributesInAnyOrderWithDataFirst() {
        Event decoded = format.decode(json("{\"data\":[1,\"two\",null],\"type\":\"t\",\"source\":\"/s\","
                + "\"id\":\"1\",\"specversion\":\"1.0\"}"));

        assertThat(decoded.data()).isEqualTo(java.util.Arrays.asList(1L, "two", null));
    }

    @Test
    void shouldDecodeNullDataAsNoData() {
        Event decoded = format.decode(
                json("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"," + "\"data\":null}"));

        assertThat(decoded.data()).isNull();
        assertThat(decoded.extensions()).isEmpty();
    }

    @Test
    void shouldKeepStringDataOfNonJsonContentType() {
        Event event = new Event("1", "/s", "t", "1.0", null, null, "text/plain", null, Map.of(), "héllo \"wörld\"\n");

        assertThat(format.decode(format.encode(event))).isEqualTo(event);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
