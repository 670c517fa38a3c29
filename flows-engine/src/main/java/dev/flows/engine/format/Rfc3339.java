package dev.flows.engine.format;

import java.nio.charset.StandardCharsets;
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

    /** The longest text {@link #format(Instant, byte[], int)} writes: nine fraction digits. */
    static final int MAX_LENGTH = 30;

    private static final int SECONDS_PER_DAY = 86_400;

    /** 0000-01-01 and 9999-12-31 in days from 1970-01-01: the range RFC 3339 can write. */
    private static final long FIRST_DAY = -719_528;

    private static final long LAST_DAY = 2_932_896;

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

    /**
     * Parses a timestamp from the bytes {@code text[from, to)} exactly as {@link #parse(String)} parses the same
     * characters, without building a String or an Instant: the event scan checks every {@code time} this way and
     * builds the Instant only when it is read. Non-ASCII bytes are never valid, as non-ASCII characters are not.
     *
     * @return the epoch second; {@link #nano} gives the nanosecond of the same text
     * @throws DateTimeParseException if the text is not an RFC 3339 timestamp of an existing date
     */
    static long epochSecond(byte[] text, int from, int to) {
        int length = to - from;
        if (length < FRACTION + 1) {
            throw invalid(text, from, to, length);
        }
        int year = digits(text, from, to, 0, 4);
        separator(text, from, to, 4, '-');
        int month = digits(text, from, to, 5, 2);
        separator(text, from, to, 7, '-');
        int day = digits(text, from, to, 8, 2);
        byte t = text[from + 10];
        if (t != 'T' && t != 't') {
            throw invalid(text, from, to, 10);
        }
        int hour = digits(text, from, to, 11, 2);
        separator(text, from, to, 13, ':');
        int minute = digits(text, from, to, 14, 2);
        separator(text, from, to, 16, ':');
        int second = digits(text, from, to, 17, 2);
        int index = fractionEnd(text, from, to);
        int offsetSeconds = offset(text, from, to, index);
        if (hour > 23 || minute > 59 || second > 59) {
            throw invalid(text, from, to, 11);
        }
        if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
            throw new DateTimeParseException("no such date", ascii(text, from, to), 0);
        }
        return epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * Days from 1970-01-01 to a valid date of the proleptic Gregorian calendar, as {@link LocalDate#toEpochDay}
     * counts them but without building a LocalDate (H. Hinnant's days_from_civil).
     */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** The nanosecond of a timestamp {@link #epochSecond} accepted. */
    static int nano(byte[] text, int from, int to) {
        if (text[from + FRACTION] != '.') {
            return 0;
        }
        int start = from + FRACTION + 1;
        int count = fractionEnd(text, from, to) - (FRACTION + 1);
        return digits(text, start, to, 0, count) * POWERS_OF_TEN[9 - count];
    }

    /** The index (relative to {@code from}) just after the optional fraction, checking it has 1 to 9 digits. */
    private static int fractionEnd(byte[] text, int from, int to) {
        int index = FRACTION;
        if (text[from + index] != '.') {
            return index;
        }
        int start = ++index;
        while (from + index < to && text[from + index] >= '0' && text[from + index] <= '9') {
            index++;
        }
        int count = index - start;
        if (count == 0 || count > 9) {
            throw invalid(text, from, to, start);
        }
        return index;
    }

    private static int offset(byte[] text, int from, int to, int index) {
        int length = to - from;
        if (index >= length) {
            throw invalid(text, from, to, index);
        }
        byte sign = text[from + index];
        if ((sign == 'Z' || sign == 'z') && index + 1 == length) {
            return 0;
        }
        if ((sign != '+' && sign != '-') || index + 6 != length) {
            throw invalid(text, from, to, index);
        }
        int hours = digits(text, from, to, index + 1, 2);
        separator(text, from, to, index + 3, ':');
        int minutes = digits(text, from, to, index + 4, 2);
        if (hours > 23 || minutes > 59) {
            throw invalid(text, from, to, index);
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    private static int digits(byte[] text, int from, int to, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = text[from + i] - '0';
            if (digit < 0 || digit > 9) {
                throw invalid(text, from, to, i);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static void separator(byte[] text, int from, int to, int index, char expected) {
        if (text[from + index] != expected) {
            throw invalid(text, from, to, index);
        }
    }

    private static DateTimeParseException invalid(byte[] text, int from, int to, int index) {
        return invalid(ascii(text, from, to), index);
    }

    private static String ascii(byte[] text, int from, int to) {
        return new String(text, from, to - from, StandardCharsets.UTF_8);
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
     *
     * @throws DateTimeException if the instant is beyond the range of LocalDate (as {@link Instant#MAX} is)
     */
    static String format(Instant instant) {
        byte[] text = new byte[MAX_LENGTH];
        int length = format(instant, text, 0);
        if (length < 0) {
            // Kept for the years the byte form leaves out, and for the DateTimeException of the extremes.
            LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY));
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        return new String(text, 0, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes an instant as {@link #format(Instant)} does into {@code text} from {@code at}, which must have room
     * for {@link #MAX_LENGTH} bytes, and returns the index after it; or writes nothing and returns -1 when the year
     * is outside 0000 to 9999.
     */
    static int format(Instant instant, byte[] text, int at) {
        long epochSecond = instant.getEpochSecond();
        long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        if (epochDay < FIRST_DAY || epochDay > LAST_DAY) {
            return -1;
        }
        int secondOfDay = (int) (epochSecond - epochDay * SECONDS_PER_DAY);
        date((int) epochDay, text, at);
        int hour = secondOfDay / 3600;
        int minuteOfHour = (secondOfDay - hour * 3600) / 60;
        text[at + 10] = 'T';
        DecimalDigits.two(text, at + 11, hour);
        text[at + 13] = ':';
        DecimalDigits.two(text, at + 14, minuteOfHour);
        text[at + 16] = ':';
        DecimalDigits.two(text, at + 17, secondOfDay - hour * 3600 - minuteOfHour * 60);
        int end = at + FRACTION;
        int nano = instant.getNano();
        if (nano != 0) {
            text[end++] = '.';
            int milli = nano / 1_000_000;
            if (milli * 1_000_000 == nano) {
                DecimalDigits.three(text, end, milli);
                end += 3;
            } else if (nano % 1_000 == 0) {
                DecimalDigits.six(text, end, nano / 1_000);
                end += 6;
            } else {
                DecimalDigits.nine(text, end, nano);
                end += 9;
            }
        }
        text[end++] = 'Z';
        return end;
    }

    /**
     * Writes {@code yyyy-mm-dd} for a day of years 0000 to 9999, as LocalDate.ofEpochDay reckons it but without
     * building one (H. Hinnant's civil_from_days, the inverse of {@link #epochDay}).
     */
    private static void date(int epochDay, byte[] text, int at) {
        // Days from 0000-03-01, so that a leap day ends its year, plus one 400-year era so that the first two
        // months of year 0 are not negative and plain division does.
        int shifted = epochDay + 719_468 + 146_097;
        int era = shifted / 146_097;
        int dayOfEra = shifted - era * 146_097;
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        int year = yearOfEra + (era - 1) * 400 + (month <= 2 ? 1 : 0);
        DecimalDigits.four(text, at, year);
        text[at + 4] = '-';
        DecimalDigits.two(text, at + 5, month);
        text[at + 7] = '-';
        DecimalDigits.two(text, at + 8, day);
    }
}
