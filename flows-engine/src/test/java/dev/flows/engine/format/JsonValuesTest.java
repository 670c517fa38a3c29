package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    private static String text(Object value) {
        return new String(JsonValues.encode(value), StandardCharsets.UTF_8);
    }

    private static Object decode(String json) {
        return JsonValues.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldKeepTheDecimalPointOfWholeDoubles() {
        assertThat(text(12.0)).isEqualTo("12.0");
        assertThat(decode("12.0")).isEqualTo(12.0);
        assertThat(text(List.of(1L, 1.0, -0.0, 1e20))).isEqualTo("[1,1.0,-0.0,1.0E20]");
        assertThat(decode("[1,1.0,-0.0,1.0E20]")).isEqualTo(List.of(1L, 1.0, -0.0, 1e20));
    }

    @Test
    void shouldRoundTripNestedValuesKeepingKeyOrder() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("zeta", "last letter first");
        row.put("alpha", Arrays.asList(1L, 2.5, true, null, "ü\"\\\n\u0001"));
        row.put("nested", Map.of("k", List.of(Map.of())));

        Object decoded = JsonValues.decode(JsonValues.encode(row));

        assertThat(decoded).isEqualTo(row).isInstanceOf(LinkedHashMap.class);
        assertThat(map(decoded).keySet()).containsExactly("zeta", "alpha", "nested");
    }

    @Test
    void shouldDecodeIntegersBeyondLongAsDouble() {
        assertThat(decode("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(decode("-9223372036854775809")).isEqualTo(-9.223372036854775809E18);
        assertThat(decode("123456789012345678901234567890")).isEqualTo(1.2345678901234568E29);
    }

    @Test
    void shouldEncodeOtherJavaTypesAsTheirJsonForm() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(7, "int key");
        assertThat(text(map)).isEqualTo("{\"7\":\"int key\"}");
        assertThat(text(new byte[] {1, 2, 3})).isEqualTo("\"AQID\"");
        assertThat(text(Instant.parse("2024-05-01T12:30:00Z"))).isEqualTo("\"2024-05-01T12:30:00Z\"");
        assertThat(text(TimeUnit.SECONDS)).isEqualTo("\"SECONDS\"");
        assertThat(text(new Object[] {1, (short) 2, (byte) 3, 1.5f})).isEqualTo("[1,2,3,1.5]");
        assertThat(text(Set.of("one"))).isEqualTo("[\"one\"]");
        assertThat(text(new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(text(BigInteger.TEN.pow(20))).isEqualTo("100000000000000000000");
        assertThat(text(null)).isEqualTo("null");
    }

    @Test
    void shouldWriteNonFiniteDoublesAsStrings() {
        assertThat(text(List.of(Double.NaN, Double.POSITIVE_INFINITY))).isEqualTo("[\"NaN\",\"Infinity\"]");
    }

    @Test
    void shouldRejectMalformedJsonWithLineAndColumn() {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> decode("{\"a\":}"));

        assertThat(e.getMessage())
                .startsWith("malformed JSON at line 1, column 6: Unexpected character ('}'")
                .endsWith("; pass one complete JSON value");
    }

    @Test
    void shouldRejectEmptyInputAndTrailingContent() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> decode("  ")))
                .hasMessageStartingWith("JSON value is empty");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> decode("1 2")))
                .hasMessage("malformed JSON at line 1, column 3: more content after the end of the value;"
                        + " pass one complete JSON value");
    }

    @Test
    void shouldRejectDuplicateKeysWithPointer() {
        IllegalArgumentException e =
                catchThrowableOfType(IllegalArgumentException.class, () -> decode("{\"a\":{\"b\":1,\"b\":2}}"));

        assertThat(e.getMessage()).startsWith("duplicate key 'b' at '/a/b'");
    }

    @Test
    void shouldThrowOnlyIllegalArgumentExceptionForRandomBytes() {
        long seed = Long.getLong("flows.seed", System.nanoTime());
        System.out.println("JsonValuesTest.shouldThrowOnlyIllegalArgumentExceptionForRandomBytes seed: " + seed);
        Random random = new Random(seed);
        byte[] tokens = "{}[]\",:0123456789.eE+-tfnul \\".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(24)];
            for (int b = 0; b < bytes.length; b++) {
                bytes[b] = random.nextInt(8) == 0 ? (byte) random.nextInt() : tokens[random.nextInt(tokens.length)];
            }
            try {
                JsonValues.decode(bytes);
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).contains("; ");
            } catch (RuntimeException e) {
                throw new AssertionError("decoding " + Arrays.toString(bytes) + " threw " + e + "; seed " + seed, e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
