package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link DecimalDigits} against {@code Long.toString} at every power of ten and its neighbours. */
class DecimalDigitsTest {

    @Test
    void shouldCountAndWriteDigitsAsLongToStringDoes() {
        for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10 * 10; power *= 10) {
            for (long value : new long[] {power - 1, power, power + 1, power * 2 - 1}) {
                if (value >= 0) {
                    assertWritten(value);
                }
            }
            if (power > Long.MAX_VALUE / 10) {
                break;
            }
        }
        assertWritten(0);
        assertWritten(Long.MAX_VALUE);
    }

    private static void assertWritten(long value) {
        int count = DecimalDigits.count(value);
        byte[] bytes = new byte[count];
        DecimalDigits.write(bytes, 0, value, count);
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).as("%d", value).isEqualTo(Long.toString(value));
    }
}
