package dev.flows.engine.format;

import dev.flows.api.error.InvalidEventException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the content of a JSON string (the bytes between its quotes, already scanned by {@link JsonScanner})
 * into a Java String, as Jackson does: escapes resolved (a {@code \}{@code u} escape may leave a lone surrogate, as
 * Jackson's does), UTF-8 decoded strictly (overlong forms, encoded surrogates and code points past U+10FFFF are
 * refused). Stateless.
 */
final class JsonStrings {

    private JsonStrings() {}

    /**
     * Decodes {@code bytes[from, to)}.
     *
     * @param escaped    whether the content holds a backslash (else a faster path applies)
     * @param eventStart the event's first byte, so that messages give offsets within the event
     * @throws InvalidEventException if the bytes are not UTF-8
     */
    static String decode(byte[] bytes, int from, int to, boolean escaped, int eventStart) {
        if (!escaped && isAscii(bytes, from, to)) {
            // Latin-1 copies bytes into a compact String as they are, which for ASCII is the UTF-8 reading.
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[to - from];
        int length = 0;
        int p = from;
        while (p < to) {
            int b = bytes[p];
            if (b == '\\') {
                p = unescape(bytes, p, chars, length++);
            } else if (b >= 0) {
                chars[length++] = (char) b;
                p++;
            } else {
                int codePoint = codePoint(bytes, p, to, eventStart);
                p += codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
                length += Character.toChars(codePoint, chars, length);
            }
        }
        return new String(chars, 0, length);
    }

    /**
     * Checks that the content {@code bytes[from, to)} of a string without escapes is UTF-8, as {@link #decode}
     * would, without building the String.
     *
     * @throws InvalidEventException if it is not
     */
    static void requireUtf8(byte[] bytes, int from, int to, int eventStart) {
        int p = from;
        while (p < to) {
            if (bytes[p] >= 0) {
                p++;
            } else {
                int codePoint = codePoint(bytes, p, to, eventStart);
                p += codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            }
        }
    }

    /** Whether the content {@code bytes[from, to)} of an unescaped string is exactly {@code utf8}. */
    static boolean equalsUtf8(byte[] bytes, int from, int to, byte[] utf8) {
        int length = utf8.length;
        if (to - from != length) {
            return false;
        }
        // Eight bytes at a time: the strings compared here are short, and Arrays.equals' stub costs more.
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if (JsonScanner.word(bytes, from + i) != JsonScanner.word(utf8, i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (bytes[from + i] != utf8[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Writes the character of the escape at {@code backslash} into {@code chars[at]}; returns the next position. */
    private static int unescape(byte[] bytes, int backslash, char[] chars, int at) {
        byte kind = bytes[backslash + 1];
        chars[at] = switch (kind) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' ->
                (char) ((JsonScanner.hexDigit(bytes[backslash + 2]) << 12)
                        | (JsonScanner.hexDigit(bytes[backslash + 3]) << 8)
                        | (JsonScanner.hexDigit(bytes[backslash + 4]) << 4)
                        | JsonScanner.hexDigit(bytes[backslash + 5]));
            default -> (char) kind; // '"', '\\' and '/': the scanner admitted no other
        };
        return backslash + (kind == 'u' ? 6 : 2);
    }

    /** The code point of the multi-byte sequence at {@code p}, checked as the Unicode standard's table 3-7 says. */
    private static int codePoint(byte[] bytes, int p, int to, int eventStart) {
        int lead = bytes[p] & 0xFF;
        int length;
        int min;
        int max = 0xBF;
        int codePoint;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            min = 0x80;
            codePoint = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min = lead == 0xE0 ? 0xA0 : 0x80;
            max = lead == 0xED ? 0x9F : 0xBF;
            codePoint = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min = lead == 0xF0 ? 0x90 : 0x80;
            max = lead == 0xF4 ? 0x8F : 0xBF;
            codePoint = lead & 0x07;
        } else {
            throw invalid(p, lead, eventStart);
        }
        for (int i = 1; i < length; i++) {
            int next = p + i < to ? bytes[p + i] & 0xFF : -1;
            int low = i == 1 ? min : 0x80;
            int high = i == 1 ? max : 0xBF;
            if (next < low || next > high) {
                throw invalid(p + i, next, eventStart);
            }
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        return codePoint;
    }

    private static InvalidEventException invalid(int position, int value, int eventStart) {
        String found = value < 0 ? "the end of the string" : "byte 0x" + Integer.toHexString(value);
        return new InvalidEventException(
                "",
                "malformed JSON at byte " + (position - eventStart) + " of the event: invalid UTF-8 (" + found
                        + "); send text encoded as UTF-8");
    }
}
