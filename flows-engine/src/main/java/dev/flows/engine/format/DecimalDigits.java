package dev.flows.engine.format;

/**
 * Writes non-negative integers as ASCII decimal digits into byte arrays, two digits per step from a table, for the
 * numbers and timestamps of {@link FastJsonWriter}: half the divisions of a digit-at-a-time loop. Stateless.
 */
final class DecimalDigits {

    /** "00", "01", ... "99", two bytes each. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** 10^0 to 10^18. */
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private DecimalDigits() {}

    /** Writes {@code value} (0 to 99) as two digits at {@code at}. */
    static void two(byte[] bytes, int at, int value) {
        bytes[at] = PAIRS[2 * value];
        bytes[at + 1] = PAIRS[2 * value + 1];
    }

    /** Writes {@code value} (0 to 999) as three digits at {@code at}. */
    static void three(byte[] bytes, int at, int value) {
        int high = value / 100;
        bytes[at] = (byte) ('0' + high);
        two(bytes, at + 1, value - high * 100);
    }

    /** Writes {@code value} (0 to 9999) as four digits at {@code at}. */
    static void four(byte[] bytes, int at, int value) {
        int high = value / 100;
        two(bytes, at, high);
        two(bytes, at + 2, value - high * 100);
    }

    /** Writes {@code value} (0 to 999,999) as six digits at {@code at}. */
    static void six(byte[] bytes, int at, int value) {
        int high = value / 1000;
        three(bytes, at, high);
        three(bytes, at + 3, value - high * 1000);
    }

    /** Writes {@code value} (0 to 999,999,999) as nine digits at {@code at}. */
    static void nine(byte[] bytes, int at, int value) {
        int high = value / 1_000_000;
        three(bytes, at, high);
        six(bytes, at + 3, value - high * 1_000_000);
    }

    /** How many digits {@code value} (not negative) has: 1 to 19. */
    static int count(long value) {
        // log10 from the bit length (1233 / 4096 is just above log10(2)), then one comparison corrects it. Setting
        // the lowest bit changes no count but makes 0 count as 1 digit.
        long odd = value | 1;
        int estimate = ((Long.SIZE - Long.numberOfLeadingZeros(odd)) * 1233) >>> 12;
        return estimate + (odd >= POWERS_OF_TEN[estimate] ? 1 : 0);
    }

    /** Writes {@code value} (not negative) as exactly {@code count} digits, {@code count} as {@link #count} gives it. */
    static void write(byte[] bytes, int at, long value, int count) {
        int p = at + count;
        while (value >= 100) {
            long quotient = value / 100;
            p -= 2;
            two(bytes, p, (int) (value - quotient * 100));
            value = quotient;
        }
        if (value >= 10) {
            two(bytes, p - 2, (int) value);
        } else {
            bytes[p - 1] = (byte) ('0' + value);
        }
    }
}
