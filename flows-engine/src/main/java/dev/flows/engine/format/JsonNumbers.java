package dev.flows.engine.format;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Converts the text of a JSON number (already scanned by {@link JsonScanner}) to the value {@link
 * JsonValueReader} gives for it: a Long when it is written as an integer within the long range, else the
 * nearest Double. Most numbers in events are short, so they are converted from the bytes without building a
 * String; the rest go through the JDK's correctly rounded parsers, which Jackson's agree with. Stateless.
 */
final class JsonNumbers {

    /** Powers of ten a double holds exactly: beyond 10^22 they are rounded. */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };

    /** Integers of up to 18 digits cannot overflow a long. */
    private static final int SAFE_DIGITS = 18;

    /** Below 2^53 every integer is a double exactly. */
    private static final long EXACT_MANTISSA = 1L << 53;

    private JsonNumbers() {}

    /** Whether the number is written as an integer (no fraction, no exponent). */
    static boolean isIntegerSyntax(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '.' || b == 'e' || b == 'E') {
                return false;
            }
        }
        return true;
    }

    /** Whether the number decodes to a Long: integer syntax and within the long range. */
    static boolean isLong(byte[] bytes, int from, int to) {
        if (!isIntegerSyntax(bytes, from, to)) {
            return false;
        }
        int digits = to - from - (bytes[from] == '-' ? 1 : 0);
        return digits <= SAFE_DIGITS || big(bytes, from, to).bitLength() < Long.SIZE;
    }

    /** The value of an integer for which {@link #isLong} holds. */
    static long longValue(byte[] bytes, int from, int to) {
        boolean negative = bytes[from] == '-';
        int p = negative ? from + 1 : from;
        if (to - p > SAFE_DIGITS) {
            return big(bytes, from, to).longValue();
        }
        long value = 0;
        for (; p < to; p++) {
            value = value * 10 + (bytes[p] - '0');
        }
        return negative ? -value : value;
    }

    /** The nearest double to any number (infinite when beyond the double range: callers refuse that). */
    static double doubleValue(byte[] bytes, int from, int to) {
        boolean negative = bytes[from] == '-';
        int p = negative ? from + 1 : from;
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        boolean fraction = false;
        for (; p < to; p++) {
            byte b = bytes[p];
            if (b == '.') {
                fraction = true;
            } else if (b == 'e' || b == 'E') {
                break;
            } else {
                if (mantissa != 0 || b != '0') {
                    if (++significant > SAFE_DIGITS) {
                        return slow(bytes, from, to);
                    }
                    mantissa = mantissa * 10 + (b - '0');
                }
                if (fraction) {
                    scale--;
                }
            }
        }
        if (p < to) {
            int exponent = exponent(bytes, p + 1, to);
            if (exponent == Integer.MIN_VALUE) {
                return slow(bytes, from, to);
            }
            scale += exponent;
        }
        if (mantissa >= EXACT_MANTISSA || scale < -22 || scale > 22) {
            return slow(bytes, from, to);
        }
        // Clinger's fast path: an exact mantissa times or divided by an exact power of ten rounds once.
        double value = scale >= 0 ? mantissa * EXACT_POWERS_OF_TEN[scale] : mantissa / EXACT_POWERS_OF_TEN[-scale];
        return negative ? -value : value;
    }

    /** The exponent after 'e', or Integer.MIN_VALUE when it is too long to matter here. */
    private static int exponent(byte[] bytes, int from, int to) {
        int p = from;
        boolean negative = false;
        if (bytes[p] == '+' || bytes[p] == '-') {
            negative = bytes[p] == '-';
            p++;
        }
        if (to - p > 4) {
            return Integer.MIN_VALUE;
        }
        int value = 0;
        for (; p < to; p++) {
            value = value * 10 + (bytes[p] - '0');
        }
        return negative ? -value : value;
    }

    private static double slow(byte[] bytes, int from, int to) {
        String text = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        if (isIntegerSyntax(bytes, from, to)) {
            return new BigInteger(text).doubleValue();
        }
        return Double.parseDouble(text);
    }

    private static BigInteger big(byte[] bytes, int from, int to) {
        return new BigInteger(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    }
}
