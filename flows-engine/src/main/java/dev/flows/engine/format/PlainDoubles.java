package dev.flows.engine.format;

/**
 * Writes the doubles that events mostly hold (prices, amounts, ratios: few digits, in [0.001, 10^7)) exactly as
 * {@link Double#toString(double)} writes them, without its cost (over a quarter of the time of encoding a typical
 * event went to it). Other doubles are left to Double.toString. Stateless.
 *
 * <p>Why the text is Double.toString's: for such a double d, Double.toString writes in plain notation (no
 * exponent) the decimal with the fewest significant digits that rounds to d, which within d's decade means the
 * fewest fraction digits k. This finds the least k for which an integer m of at most 15 digits has m / 10^k round to
 * d. Decimals of at most 15 significant digits survive a round trip through a double (DBL_DIG), so at each k at most
 * one m qualifies and there is no closer candidate to prefer. {@code Math.rint(d * 10^k)} finds it: d * 10^k as
 * computed lies within 2^-52 m of a qualifying m (half an ulp of d, scaled, plus the product's own rounding), under
 * 1/4 for such m. The check m / 10^k == d is exact because m and 10^k (k at most 18) are exact doubles and division
 * rounds correctly.
 */
final class PlainDoubles {

    /** The most digits of m for which a decimal is sure to round-trip through a double. */
    private static final long MAX_MANTISSA = 999_999_999_999_999L;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18
    };

    private static final long[] LONG_POWERS_OF_TEN = {
        1L,
        10L,
        100L,
        1_000L,
        10_000L,
        100_000L,
        1_000_000L,
        10_000_000L,
        100_000_000L,
        1_000_000_000L,
        10_000_000_000L,
        100_000_000_000L,
        1_000_000_000_000L,
        10_000_000_000_000L,
        100_000_000_000_000L,
        1_000_000_000_000_000L,
        10_000_000_000_000_000L,
        100_000_000_000_000_000L,
        1_000_000_000_000_000_000L
    };

    /** The most bytes {@link #write} writes: a sign, 15 digits, a point and up to two zeros before the digits. */
    static final int MAX_LENGTH = 20;

    private PlainDoubles() {}

    /**
     * Writes {@code value} as {@code Double.toString(value)} would, at {@code at} in {@code bytes} (which must have
     * room for {@link #MAX_LENGTH} bytes), and returns the index after it; or writes nothing and returns -1 when the
     * value is not one this handles.
     */
    static int write(byte[] bytes, int at, double value) {
        double magnitude = Math.abs(value);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
            return -1; // also NaN; Double.toString writes these with an exponent, or as 0.0, NaN, Infinity
        }
        for (int k = 0; k < POWERS_OF_TEN.length; k++) {
            double scaled = magnitude * POWERS_OF_TEN[k];
            if (scaled > MAX_MANTISSA) {
                return -1;
            }
            double mantissa = Math.rint(scaled);
            // The bound above puts a qualifying m within 1/4 of the product: farther, skip the division.
            if (Math.abs(scaled - mantissa) <= 0.25 && mantissa / POWERS_OF_TEN[k] == magnitude) {
                return write(bytes, at, value < 0, (long) mantissa, k);
            }
        }
        return -1;
    }

    /** Writes {@code mantissa / 10^fractionDigits} in plain notation, with at least one fraction digit. */
    private static int write(byte[] bytes, int at, boolean negative, long mantissa, int fractionDigits) {
        int p = at;
        if (negative) {
            bytes[p++] = '-';
        }
        long integer = mantissa / LONG_POWERS_OF_TEN[fractionDigits];
        int integerDigits = DecimalDigits.count(integer);
        DecimalDigits.write(bytes, p, integer, integerDigits);
        p += integerDigits;
        bytes[p++] = '.';
        if (fractionDigits == 0) {
            bytes[p++] = '0';
            return p;
        }
        long fraction = mantissa - integer * LONG_POWERS_OF_TEN[fractionDigits];
        int significant = DecimalDigits.count(fraction);
        for (int zeros = fractionDigits - significant; zeros > 0; zeros--) {
            bytes[p++] = '0';
        }
        DecimalDigits.write(bytes, p, fraction, significant);
        return p + significant;
    }
}
