package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link FastJsonWriter#number(double)}, whose {@link PlainDoubles} fast path writes most doubles without
 * Double.toString, to Double.toString's text, which is what Jackson's generator writes. The seed is printed; rerun
 * one with {@code -Dflows.seed=<seed>}.
 */
class FastJsonWriterDoublesTest {

    private static final long SEED = Long.getLong("flows.seed", System.nanoTime());

    private static Random random(String test) {
        System.out.println(FastJsonWriterDoublesTest.class.getSimpleName() + "." + test + " seed: " + SEED);
        return new Random(SEED);
    }

    @Test
    void shouldWriteShortDecimalsAsDoubleToStringDoes() {
        Random random = random("shouldWriteShortDecimalsAsDoubleToStringDoes");
        for (int i = 0; i < 1_000_000; i++) {
            long mantissa = random.nextLong(1, 10 * (long) Math.pow(10, random.nextInt(17)));
            double value = mantissa / Math.pow(10, random.nextInt(20));
            assertWrittenAsDoubleToString(random.nextBoolean() ? value : -value);
            assertWrittenAsDoubleToString(Math.nextUp(value));
            assertWrittenAsDoubleToString(Math.nextDown(value));
        }
    }

    @Test
    void shouldWriteDoublesOfEveryMagnitudeAsDoubleToStringDoes() {
        Random random = random("shouldWriteDoublesOfEveryMagnitudeAsDoubleToStringDoes");
        for (int i = 0; i < 1_000_000; i++) {
            assertWrittenAsDoubleToString(Math.pow(10, random.nextDouble(-5, 9)) * (random.nextBoolean() ? 1 : -1));
            assertWrittenAsDoubleToString(Double.longBitsToDouble(random.nextLong()));
            assertWrittenAsDoubleToString(random.nextDouble() * 1000);
        }
    }

    @Test
    void shouldWriteTheEdgesOfThePlainRangeAsDoubleToStringDoes() {
        double[] edges = {
            1e-3,
            1e7,
            9_999_999.0,
            9_999_999.999999999,
            0.001_000_000_000_000_1,
            9.999_999_999_999_99e-4,
            0.1,
            0.2,
            0.3,
            0.1 + 0.2,
            1.0,
            2.0 / 3,
            100.0,
            123_456.789,
            999_999.999_999_999_9,
            0.0,
            -0.0,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        };
        for (double edge : edges) {
            double value = edge;
            for (int step = 0; step < 1000; step++) {
                assertWrittenAsDoubleToString(value);
                assertWrittenAsDoubleToString(-value);
                value = Math.nextUp(value);
            }
            value = edge;
            for (int step = 0; step < 1000; step++) {
                assertWrittenAsDoubleToString(value);
                value = Math.nextDown(value);
            }
        }
        for (int exponent = -30; exponent <= 30; exponent++) {
            assertWrittenAsDoubleToString(Math.pow(10, exponent));
            assertWrittenAsDoubleToString(Double.parseDouble("1e" + exponent));
            assertWrittenAsDoubleToString(Double.parseDouble("9.99999999999999e" + exponent));
        }
    }

    @Test
    void shouldWriteEveryCentFromZeroToAHundredThousandAsDoubleToStringDoes() {
        for (long cents = 0; cents <= 10_000_000; cents++) {
            assertWrittenAsDoubleToString(cents / 100.0);
        }
    }

    private static void assertWrittenAsDoubleToString(double value) {
        String expected = Double.isFinite(value) ? Double.toString(value) : '"' + Double.toString(value) + '"';
        FastJsonWriter out = FastJsonWriter.acquire();
        try {
            out.number(value);
            String written = new String(out.toByteArray(), StandardCharsets.US_ASCII);
            if (!written.equals(expected)) {
                assertThat(written)
                        .as("double with bits %016x; seed %d", Double.doubleToRawLongBits(value), SEED)
                        .isEqualTo(expected);
            }
        } finally {
            out.release();
        }
    }
}
