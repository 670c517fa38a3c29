package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawEventTest {

    private static final String REQUIRED = "\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"";

    private final RawEvent raw = new RawEvent();
    private final JsonEventFormat format = new JsonEventFormat();

    private RawEvent read(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return raw.reset(bytes, 0, bytes.length);
    }

    private InvalidEventException failure(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> format.decode(bytes)).isInstanceOf(InvalidEventException.class);
        return catchThrowableOfType(
                InvalidEventException.class,
                () -> raw.reset(bytes, 0, bytes.length).event());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadTheAttributesOfABenchmarkEvent() {
        read("{\"specversion\":\"1.0\",\"id\":\"e000000011\",\"source\":\"/shop/web\",\"type\":\"shop.page.view\","
                + "\"time\":\"2026-01-01T00:00:00.056Z\",\"subject\":\"u009280\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"user\":\"u009280\",\"country\":\"IN\",\"price\":171.07,\"qty\":1}}");

        assertThat(raw.stringEquals(RawEvent.TYPE, utf8("shop.page.view"), "shop.page.view"))
                .isTrue();
        assertThat(raw.stringEquals(RawEvent.TYPE, utf8("shop.cart.add"), "shop.cart.add"))
                .isFalse();
        assertThat(raw.string(RawEvent.SUBJECT)).isEqualTo("u009280");
        assertThat(raw.has(RawEvent.DATA_SCHEMA)).isFalse();
        assertThat(raw.string(RawEvent.DATA_SCHEMA)).isNull();
        assertThat(raw.time()).isEqualTo(Instant.parse("2026-01-01T00:00:00.056Z"));
        assertThat(raw.partitionKey()).isEqualTo("u009280");
        int price = raw.member(raw.dataPosition(), "price", utf8("price"));
        assertThat(raw.isDouble(price)).isTrue();
        assertThat(raw.doubleAt(price)).isEqualTo(171.07);
        int qty = raw.member(raw.dataPosition(), "qty", utf8("qty"));
        assertThat(raw.isLong(qty)).isTrue();
        assertThat(raw.longAt(qty)).isEqualTo(1L);
        assertThat(raw.stringEqualsAt(raw.member(raw.dataPosition(), "country", utf8("country")), utf8("IN"), "IN"))
                .isTrue();
        assertThat(raw.member(raw.dataPosition(), "amount", utf8("amount"))).isEqualTo(-1);
    }

    @Test
    void shouldReadEscapedNamesAndValuesAsJacksonDecodesThem() {
        read(
                "{\"specversion\":\"1\\u002e0\",\"i\\u0064\":\"1\",\"source\":\"/s\",\"type\":\"sh\\u006fp\",\"time\":"
                        + "\"2024-05-01T12:30:00\\u005a\",\"partitionkey\":\"k\\\"1\",\"data\":{\"\\u0061\":{\"b\\/c\":\"\\ud83d\\ude00\"}}}");

        assertThat(raw.stringEquals(RawEvent.TYPE, utf8("shop"), "shop")).isTrue();
        assertThat(raw.string(RawEvent.ID)).isEqualTo("1");
        assertThat(raw.time()).isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
        assertThat(raw.partitionKey()).isEqualTo("k\"1");
        int a = raw.member(raw.dataPosition(), "a", utf8("a"));
        int bc = raw.member(a, "b/c", utf8("b/c"));
        assertThat(raw.valueAt(bc)).isEqualTo("😀");
        assertThat(raw.stringEqualsAt(bc, utf8("😀"), "😀")).isTrue();
        assertThat(raw.event()).isEqualTo(format.decode(utf8(new String(raw.buffer(), StandardCharsets.UTF_8))));
    }

    @Test
    void shouldReadNumbersAsDecodeDoes() {
        read("{" + REQUIRED + ",\"data\":{\"big\":123456789012345678901234567890,\"max\":9223372036854775807,"
                + "\"min\":-9223372036854775808,\"over\":9223372036854775808,\"zero\":-0,\"exp\":1E5,"
                + "\"small\":1e-400,\"negativeZero\":-0.0,\"long\":0.1000000000000000055511151231257827}}");

        assertThat(raw.data())
                .isEqualTo(format.decode(utf8(new String(raw.buffer(), StandardCharsets.UTF_8)))
                        .data());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) raw.data();
        assertThat(data)
                .containsEntry("big", 1.2345678901234568E29)
                .containsEntry("max", Long.MAX_VALUE)
                .containsEntry("min", Long.MIN_VALUE)
                .containsEntry("over", 9.223372036854775807E18)
                .containsEntry("zero", 0L)
                .containsEntry("exp", 100000.0)
                .containsEntry("negativeZero", -0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "1.5", "true", "\"k-1\"", "-0"})
    void shouldComputeThePartitionKeyAsTheEventDoes(String value) {
        String json = "{" + REQUIRED + ",\"subject\":\"s\",\"partitionkey\":" + value + "}";

        assertThat(read(json).partitionKey())
                .isEqualTo(format.decode(utf8(json)).partitionKey());
    }

    @Test
    void shouldSkipAUtf8ByteOrderMarkAndWhitespace() {
        read(
                "\uFEFF \n{ \"specversion\" : \"1.0\" ,\t\"id\":\"1\", \"source\":\"/s\",\"type\":\"t\" ,\"data\" : [ 1 , {} ] }\r\n");

        assertThat(raw.data()).isEqualTo(List.of(1L, Map.of()));
    }

    @Test
    void shouldReadAnEventInsideALargerBufferWithoutLookingOutside() {
        byte[] event = utf8("{" + REQUIRED + ",\"data\":7}");
        byte[] buffer = new byte[event.length + 10];
        Arrays.fill(buffer, (byte) '"');
        System.arraycopy(event, 0, buffer, 5, event.length);

        raw.reset(buffer, 5, event.length);

        assertThat(raw.data()).isEqualTo(7L);
        assertThat(raw.offset()).isEqualTo(5);
        assertThat(raw.length()).isEqualTo(event.length);
    }

    @Test
    void shouldGiveTheByteOffsetOfMalformedJson() {
        InvalidEventException e = failure("{\"specversion\": }");

        assertThat(e.pointer()).isEmpty();
        assertThat(e.getMessage())
                .startsWith("malformed JSON at byte 16 of the event: expected a JSON value, found '}'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[]",
                "{",
                "{}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"} x",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":01}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":1.}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":tru}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":\"a\tb\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":\"\\x\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":[1 2]}",
                "{\"specversion\":\"2.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}",
                "{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"/s\",\"type\":\"t\"}",
                "{\"specversion\":\"1.0\",\"id\":1,\"source\":\"/s\",\"type\":\"t\"}",
                "{\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"t\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"id\":\"2\",\"source\":\"/s\",\"type\":\"t\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"time\":\"yesterday\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"time\":\"2023-02-29T00:00:00Z\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"orderId\":\"x\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"ext\":null}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"ext\":1,\"ext\":2}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"ext\":1e999}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":1,\"data_base64\":\"\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data_base64\":\"%%%\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":{\"a\":1,\"a\":2}}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":[1e400]}",
            })
    void shouldRefuseWhatDecodeRefusesWithTheByteOffset(String json) {
        InvalidEventException e = failure(json);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("byte ").contains("; ");
    }

    @Test
    void shouldRefuseDataNestedDeeperThanTheLimitWhenReset() {
        String deep = "[".repeat(JsonEventFormat.MAX_DATA_DEPTH + 1) + "]".repeat(JsonEventFormat.MAX_DATA_DEPTH + 1);
        String limit = "[".repeat(JsonEventFormat.MAX_DATA_DEPTH) + "]".repeat(JsonEventFormat.MAX_DATA_DEPTH);

        assertThatThrownBy(() -> read("{" + REQUIRED + ",\"data\":" + deep + "}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("nested 65 objects and arrays deep");
        assertThat(read("{" + REQUIRED + ",\"data\":" + limit + "}").event())
                .isEqualTo(format.decode(utf8("{" + REQUIRED + ",\"data\":" + limit + "}")));
    }

    @Test
    void shouldReportWhatOnlyConversionFindsWhenTheValueIsConverted() {
        read("{" + REQUIRED + ",\"data\":{\"a\":1,\"b\":{\"x\":1,\"x\":2},\"c\":\"\\u00e9\",\"d\":1e999}}");

        assertThat(raw.longAt(raw.member(raw.dataPosition(), "a", utf8("a")))).isEqualTo(1L);
        assertThatThrownBy(() -> raw.valueAt(raw.member(raw.dataPosition(), "b", utf8("b"))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("duplicate key 'x' at byte");
        assertThatThrownBy(() -> raw.doubleAt(raw.member(raw.dataPosition(), "d", utf8("d"))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("beyond the range of a double");
        assertThatThrownBy(raw::event).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void shouldRefuseInvalidUtf8WhenTheStringIsDecoded() {
        byte[] bytes = utf8("{" + REQUIRED + ",\"subject\":\"ab\"}");
        bytes[bytes.length - 4] = (byte) 0xC0;
        bytes[bytes.length - 3] = (byte) 0x80;
        raw.reset(bytes, 0, bytes.length);

        assertThatThrownBy(() -> raw.string(RawEvent.SUBJECT))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("invalid UTF-8");
        assertThatThrownBy(() -> format.decode(bytes)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void shouldReadBinaryDataAndForgetThePreviousEvent() {
        read("{" + REQUIRED + ",\"subject\":\"first\",\"data_base64\":\"aGVsbG8=\"}");
        assertThat(raw.string(RawEvent.SUBJECT)).isEqualTo("first");
        assertThat((byte[]) raw.data()).isEqualTo(utf8("hello"));
        assertThat(raw.dataPosition()).isEqualTo(-1);

        read("{" + REQUIRED + "}");

        assertThat(raw.string(RawEvent.SUBJECT)).isNull();
        assertThat(raw.data()).isNull();
        assertThat(raw.event()).isEqualTo(Event.of("1", "/s", "t", null));
    }

    @Test
    void shouldBeEmptyAfterAFailedReset() {
        read("{" + REQUIRED + ",\"subject\":\"first\"}");

        assertThatThrownBy(() -> read("{\"specversion\":\"1.0\",\"subject\":\"x\"}"))
                .isInstanceOf(InvalidEventException.class);

        assertThat(raw.has(RawEvent.SUBJECT)).isFalse();
        assertThat(raw.string(RawEvent.ID)).isNull();
    }
}
