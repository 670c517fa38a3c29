package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flows.api.error.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per rule of the decoder: each asserts the pointer and the message. */
class JsonEventFormatValidationTest {

    private static final String REQUIRED = "\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"";

    private final JsonEventFormat format = new JsonEventFormat();

    private InvalidEventException decodeFailure(String json) {
        return catchThrowableOfType(
                InvalidEventException.class, () -> format.decode(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** An event with the required attributes and then {@code more}, e.g. {@code ,"time":"x"}. */
    private InvalidEventException decodeFailureWith(String more) {
        return decodeFailure("{" + REQUIRED + more + "}");
    }

    /** The four required attributes but one, comma-separated, without braces. */
    private static String requiredWithout(String attribute) {
        return Stream.of("\"specversion\":\"1.0\"", "\"id\":\"1\"", "\"source\":\"/s\"", "\"type\":\"t\"")
                .filter(pair -> !pair.startsWith("\"" + attribute + "\":"))
                .collect(Collectors.joining(","));
    }

    @Test
    void shouldRejectMalformedJsonWithLineAndColumn() {
        InvalidEventException e = decodeFailure("{\"specversion\": }");

        assertThat(e.pointer()).isEmpty();
        assertThat(e.getMessage())
                .startsWith("malformed JSON at line 1, column 17: Unexpected character ('}' (code 125))")
                .endsWith("; send one JSON object per event");
    }

    @Test
    void shouldRejectMalformedJsonOnALaterLine() {
        InvalidEventException e = decodeFailure("{\n  \"specversion\": \"1.0\",\n}");

        assertThat(e.pointer()).isEmpty();
        assertThat(e.getMessage())
                .startsWith("malformed JSON at line 3, column 1: Unexpected character ('}'")
                .endsWith("; send one JSON object per event");
    }

    @Test
    void shouldRejectTruncatedJson() {
        InvalidEventException e = decodeFailure("{\"specversion\":\"1.0\",\"data\":[1,2");

        assertThat(e.pointer()).isEmpty();
        assertThat(e.getMessage()).startsWith("malformed JSON at line 1, column 33: Unexpected end-of-input");
    }

    @Test
    void shouldRejectContentAfterTheEvent() {
        InvalidEventException e = decodeFailure("{" + REQUIRED + "} {}");

        assertThat(e.pointer()).isEmpty();
        assertThat(e.getMessage())
                .isEqualTo("malformed JSON at line 1, column 57: more content after the end of the event;"
                        + " send one JSON object per event");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"[]|an array", "\"event\"|a string", "42|a number", "null|null", "true|a boolean", "' '|empty"})
    void shouldRejectBodyThatIsNotAnObject(String body, String kind) {
        InvalidEventException e = decodeFailure(body);

        assertThat(e.pointer()).isEmpty();
        assertThat(e.getMessage())
                .startsWith("event body is " + kind + ", not a JSON object; send one CloudEvent as a JSON object")
                .contains("application/cloudevents-batch+json");
    }

    @Test
    void shouldRejectDuplicateAttribute() {
        InvalidEventException e = decodeFailureWith(",\"id\":\"2\"");

        assertThat(e.pointer()).isEqualTo("/id");
        assertThat(e.getMessage()).isEqualTo("attribute 'id' appears twice; send each attribute once");
    }

    @Test
    void shouldRejectDuplicateExtension() {
        InvalidEventException e = decodeFailureWith(",\"region\":\"eu\",\"region\":\"us\"");

        assertThat(e.pointer()).isEqualTo("/region");
        assertThat(e.getMessage()).isEqualTo("attribute 'region' appears twice; send each attribute once");
    }

    @Test
    void shouldRejectDuplicateKeyInDataWithPointer() {
        InvalidEventException e = decodeFailureWith(",\"data\":{\"items\":[{\"sku\":\"a\",\"sku\":\"b\"}]}");

        assertThat(e.pointer()).isEqualTo("/data/items/0/sku");
        assertThat(e.getMessage())
                .isEqualTo("duplicate key 'sku' at '/data/items/0/sku'; a JSON object may hold each key once,"
                        + " so remove one of them");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1", "1.0.0", "2.0"})
    void shouldRejectSpecVersionOtherThan10(String version) {
        InvalidEventException e =
                decodeFailure("{\"specversion\":\"" + version + "\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}");

        assertThat(e.pointer()).isEqualTo("/specversion");
        assertThat(e.getMessage())
                .isEqualTo("specversion '" + version + "' is not supported; Flows accepts CloudEvents 1.0, send"
                        + " \"specversion\": \"1.0\"");
    }

    @Test
    void shouldRejectNumericSpecVersion() {
        InvalidEventException e = decodeFailure("{\"specversion\":1.0,\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}");

        assertThat(e.pointer()).isEqualTo("/specversion");
        assertThat(e.getMessage())
                .isEqualTo("attribute 'specversion' must be a string, not a number (1.0); send it as a JSON string,"
                        + " e.g. \"specversion\": \"1.0\"");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "specversion|\"1.0\"",
                "id|\"order-1001\"",
                "source|\"/shop/checkout\"",
                "type|\"shop.order.placed\""
            })
    void shouldRejectMissingRequiredAttribute(String attribute, String example) {
        InvalidEventException e = decodeFailure("{" + requiredWithout(attribute) + "}");

        assertThat(e.pointer()).isEqualTo("/" + attribute);
        assertThat(e.getMessage())
                .isEqualTo("required attribute '" + attribute + "' is missing; every CloudEvent needs specversion,"
                        + " id, source and type, e.g. \"" + attribute + "\": " + example);
    }

    @Test
    void shouldRejectMissingTypeWithTheDocumentedMessage() {
        InvalidEventException e = decodeFailure("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\"}");

        assertThat(e.getMessage())
                .isEqualTo("required attribute 'type' is missing; every CloudEvent needs specversion, id, source"
                        + " and type, e.g. \"type\": \"shop.order.placed\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "type", "subject", "datacontenttype", "dataschema"})
    void shouldRejectEmptyStringAttribute(String attribute) {
        InvalidEventException e = decodeFailure("{" + requiredWithout(attribute) + ",\"" + attribute + "\":\"\"}");

        assertThat(e.pointer()).isEqualTo("/" + attribute);
        assertThat(e.getMessage()).startsWith("attribute '" + attribute + "' is an empty string; send a non-empty");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "subject|42|a number (42)",
                "subject|{}|an object",
                "datacontenttype|[\"application/json\"]|an array",
                "dataschema|true|a boolean (true)",
                "subject|null|null"
            })
    void shouldRejectOptionalStringAttributeOfAnotherType(String attribute, String value, String kind) {
        InvalidEventException e = decodeFailureWith(",\"" + attribute + "\":" + value);

        assertThat(e.pointer()).isEqualTo("/" + attribute);
        assertThat(e.getMessage())
                .startsWith("attribute '" + attribute + "' must be a string, not " + kind
                        + "; send it as a JSON string, e.g. \"" + attribute + "\": ");
    }

    @Test
    void shouldRejectNumericIdWithExample() {
        InvalidEventException e = decodeFailure("{\"specversion\":\"1.0\",\"id\":42,\"source\":\"/s\",\"type\":\"t\"}");

        assertThat(e.pointer()).isEqualTo("/id");
        assertThat(e.getMessage())
                .isEqualTo("attribute 'id' must be a string, not a number (42); send it as a JSON string, e.g."
                        + " \"id\": \"order-1001\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "yesterday",
                "2024-05-01",
                "2024-05-01T12:30Z",
                "2024-05-01T12:30:00",
                "2024-13-01T12:30:00Z",
                "2024-02-30T12:30:00Z",
                "2024-05-01 12:30:00Z",
                "24-05-01T12:30:00Z",
                "2024-05-01T12:30:00.1234567890Z",
                "2024-05-01T12:30:00+0200"
            })
    void shouldRejectTimeThatIsNotRfc3339(String time) {
        InvalidEventException e = decodeFailureWith(",\"time\":\"" + time + "\"");

        assertThat(e.pointer()).isEqualTo("/time");
        assertThat(e.getMessage())
                .isEqualTo("attribute 'time' value '" + time + "' is not an RFC 3339 timestamp; send a date, time"
                        + " and offset, e.g. \"time\": \"2024-05-01T12:30:00Z\"");
    }

    @Test
    void shouldRejectInvalidExtensionName() {
        InvalidEventException e = decodeFailureWith(",\"orderId\":\"1001\"");

        assertThat(e.pointer()).isEqualTo("/orderId");
        assertThat(e.getMessage())
                .isEqualTo("extension attribute 'orderId' is not a valid name; CloudEvents attribute names are"
                        + " lower-case letters and digits, at most 20, e.g. 'orderid'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "order_id|orderid",
                "Data|data",
                "averyveryverylongextensionname|averyveryverylongext",
                "a/b~c|abc",
                "__|myextension"
            })
    void shouldRejectExtensionNamesOutsideLowerCaseAlphanumerics(String name, String suggestion) {
        InvalidEventException e = decodeFailureWith(",\"" + name + "\":\"x\"");

        assertThat(e.pointer()).isEqualTo("/" + name.replace("~", "~0").replace("/", "~1"));
        assertThat(e.getMessage())
                .contains("'" + name + "' is not a valid name")
                .endsWith("'" + suggestion + "'");
    }

    @Test
    void shouldAcceptExtensionOfTwentyLowerCaseLettersAndDigits() {
        var event = format.decode((("{" + REQUIRED + ",\"abcdefghij0123456789\":1}").getBytes(StandardCharsets.UTF_8)));

        assertThat(event.extensions()).containsEntry("abcdefghij0123456789", 1L);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{\"a\":1}|an object", "[1]|an array", "null|null"})
    void shouldRejectExtensionValueThatIsNotAScalar(String value, String kind) {
        InvalidEventException e = decodeFailureWith(",\"region\":" + value);

        assertThat(e.pointer()).isEqualTo("/region");
        assertThat(e.getMessage())
                .isEqualTo("extension attribute 'region' is " + kind + "; extension values must be a string, number"
                        + " or boolean, so send a scalar (e.g. \"region\": \"value\") or leave the attribute out");
    }

    @Test
    void shouldRejectDataAndDataBase64Together() {
        InvalidEventException e = decodeFailureWith(",\"data\":{},\"data_base64\":\"aGVsbG8=\"");

        assertThat(e.pointer()).isEqualTo("/data_base64");
        assertThat(e.getMessage())
                .isEqualTo("event has both 'data' and 'data_base64'; send JSON data in 'data' or binary data"
                        + " base64-encoded in 'data_base64', not both");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aGVsbG8=!", "a", "aGVs bG8=", "aGVsbG8=\\n", "-_-_"})
    void shouldRejectInvalidBase64(String base64) {
        InvalidEventException e = decodeFailureWith(",\"data_base64\":\"" + base64 + "\"");

        assertThat(e.pointer()).isEqualTo("/data_base64");
        assertThat(e.getMessage())
                .startsWith("attribute 'data_base64' is not valid base64 (")
                .endsWith("); encode binary data with standard base64 (RFC 4648: A-Z, a-z, 0-9, '+', '/', '='"
                        + " padding), e.g. \"data_base64\": \"aGVsbG8=\"");
    }

    @Test
    void shouldRejectDataBase64ThatIsNotAString() {
        InvalidEventException e = decodeFailureWith(",\"data_base64\":[1,2]");

        assertThat(e.pointer()).isEqualTo("/data_base64");
        assertThat(e.getMessage()).startsWith("attribute 'data_base64' must be a string, not an array");
    }

    @Test
    void shouldAcceptDataNestedToTheLimit() {
        String data = "[".repeat(JsonEventFormat.MAX_DATA_DEPTH) + "]".repeat(JsonEventFormat.MAX_DATA_DEPTH);

        var event = format.decode(("{" + REQUIRED + ",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8));

        assertThat(event.data()).isInstanceOf(List.class);
    }

    @Test
    void shouldRejectDataNestedDeeperThanTheLimit() {
        int depth = JsonEventFormat.MAX_DATA_DEPTH + 1;
        String data = "{\"a\":".repeat(depth - 1) + "[]" + "}".repeat(depth - 1);

        InvalidEventException e = decodeFailureWith(",\"data\":" + data);

        String pointer = "/data" + "/a".repeat(depth - 1);
        assertThat(e.pointer()).isEqualTo(pointer);
        assertThat(e.getMessage())
                .isEqualTo("value at '" + pointer + "' is nested 65 objects and arrays deep, more than the 64"
                        + " allowed; flatten the value to at most 64 levels");
    }

    @Test
    void shouldRefusePathologicallyDeepInputWithoutStackOverflow() {
        String data = "[".repeat(100_000) + "]".repeat(100_000);

        InvalidEventException e = decodeFailureWith(",\"data\":" + data);

        assertThat(e.pointer()).startsWith("/data/0/0/0");
        assertThat(e.getMessage()).contains("more than the 64 allowed");
    }

    @Test
    void shouldRejectNumberBeyondTheDoubleRange() {
        InvalidEventException e = decodeFailureWith(",\"data\":{\"amount\":1e400}");

        assertThat(e.pointer()).isEqualTo("/data/amount");
        assertThat(e.getMessage())
                .isEqualTo("number 1e400 at '/data/amount' is beyond the range of a double; send numbers between"
                        + " -1.7976931348623157E308 and 1.7976931348623157E308, or send this one as a string");
    }

    @Test
    void shouldRejectNumberBeyondTheDoubleRangeInAnExtension() {
        InvalidEventException e = decodeFailureWith(",\"amount\":-1e999");

        assertThat(e.pointer()).isEqualTo("/amount");
        assertThat(e.getMessage()).startsWith("number -1e999 at '/amount' is beyond the range of a double");
    }
}
