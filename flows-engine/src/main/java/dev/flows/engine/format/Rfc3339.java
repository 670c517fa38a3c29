package dev.flows.engine.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 timestamps, the form of the CloudEvents {@code time} attribute, read and written by hand because
 * they are on the hot path of every event (java.time's formatters cost ten times as much). Thread-safe.
 *
 * <pre>
 * 2024-05-01T12:30:00.123456789+02:00
 * |    |  |  |  |  | |         |
 * 0    5  8  11 14 17 19        offset: 'Z' or +HH:MM / -HH:MM
 *                      fraction: '.' and 1 to 9 digits, optional
 * </pre>
 *
 * <p>Parsing is strict: four-digit year, two-digit fields, seconds, at most nine fraction digits and an
 * offset are required, and the date must exist; 't' and 'z' may be lower case, as RFC 3339 allows. Leap
 * seconds (:60) are refused, as java.time does. Formatting writes UTC with {@code Z} and as many fraction
 * digits as the instant needs (none, 3, 6 or 9).
 */
final class Rfc3339 {

    /** An example for error messages. */
    static final String EXAMPLE = "2024-05-01T12:30:00Z";

    private static final int SECONDS_PER_DAY = 86_400;
    private static final int FRACTION = 19;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Rfc3339() {}

    /**
     * Parses a timestamp.
     *
     * @throws DateTimeParseException if the text is not an RFC 3339 timestamp of an existing date
     */
    static Instant parse(String text) {
        int length = text.length();
        if (length < FRACTION + 1) {
            throw invalid(text, length);
        }
        int year = digits(text, 0, 4);
        separator(text, 4, '-');
        int month = digits(text, 5, 2);
        separator(text, 7, '-');
        int day = digits(text, 8, 2);
        char t = text.charAt(10);
        if (t != 'T' && t != 't') {
            throw invalid(text, 10);
        }
        int hour = digits(text, 11, 2);
        separator(text, 13, ':');
        int minute = digits(text, 14, 2);
        separator(text, 16, ':');
        int second = digits(text, 17, 2);
        int index = FRACTION;
        int nano = 0;
        if (text.charAt(index) == '.') {
            int start = ++index;
            while (index < length && isDigit(text.charAt(index))) {
                index++;
            }
            int count = index - start;
            if (count == 0 || count > 9) {
                throw invalid(text, start);
            }
            nano = digits(text, start, count) * POWERS_OF_TEN[9 - count];
        }
        int offsetSeconds = offset(text, index);
        if (hour > 23 || minute > 59 || second > 59) {
            throw invalid(text, 11);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            throw new DateTimeParseException("no such date: " + e.getMessage(), text, 0, e);
        }
        long epochSecond = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nano);
    }

    /** The offset starting at {@code index}, which must end the text, in seconds east of UTC. */
    private static int offset(String text, int index) {
        if (index >= text.length()) {
            throw invalid(text, index);
        }
        char sign = text.charAt(index);
        if ((sign == 'Z' || sign == 'z') && index + 1 == text.length()) {
            return 0;
        }
        if ((sign != '+' && sign != '-') || index + 6 != text.length()) {
            throw invalid(text, index);
        }
        int hours = digits(text, index + 1, 2);
        separator(text, index + 3, ':');
        int minutes = digits(text, index + 4, 2);
        if (hours > 23 || minutes > 59) {
            throw invalid(text, index);
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                throw invalid(text, i);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void separator(String text, int index, char expected) {
        if (text.charAt(index) != expected) {
            throw invalid(text, index);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static DateTimeParseException invalid(String text, int index) {
        return new DateTimeParseException("not an RFC 3339 timestamp at index " + index, text, index);
    }

    /**
     * Formats an instant in UTC, for example {@code 2024-05-01T12:30:00.123Z}. Years outside 0000 to 9999,
     * which RFC 3339 cannot write, get ISO-8601's expanded form ({@code +10000-01-01T00:00:00Z}).
     */
    static String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        int secondOfDay = Math.floorMod(epochSecond, SECONDS_PER_DAY);
        char[] chars = new char[30];
        put(chars, 0, year, 4);
        chars[4] = '-';
        put(chars, 5, date.getMonthValue(), 2);
        chars[7] = '-';
        put(chars, 8, date.getDayOfMonth(), 2);
        chars[10] = 'T';
        put(chars, 11, secondOfDay / 3600, 2);
        chars[13] = ':';
        put(chars, 14, secondOfDay / 60 % 60, 2);
        chars[16] = ':';
        put(chars, 17, secondOfDay % 60, 2);
        int length = FRACTION;
        int nano = instant.getNano();
        if (nano != 0) {
            chars[length++] = '.';
            if (nano % 1_000_000 == 0) {
                put(chars, length, nano / 1_000_000, 3);
                length += 3;
            } else if (nano % 1_000 == 0) {
                put(chars, length, nano / 1_000, 6);
                length += 6;
            } else {
                put(chars, length, nano, 9);
                length += 9;
            }
        }
        chars[length++] = 'Z';
        return new String(chars, 0, length);
    }

    /** Writes {@code value} as exactly {@code count} decimal digits, zero-padded. */
    private static void put(char[] chars, int start, int value, int count) {
        for (int i = start + count - 1; i >= start; i--) {
            chars[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
