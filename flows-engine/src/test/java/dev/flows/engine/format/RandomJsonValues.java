package dev.flows.engine.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates the Java values {@link JsonValues#write(Object, tools.jackson.core.JsonGenerator)} accepts, leaning on
 * the edges of JSON writing: strings with escapes, controls, non-ASCII, surrogate pairs and lone surrogates, some
 * long enough to cross the generator's segments; doubles of every magnitude, NaN and the infinities; the extreme
 * longs; every other Java type the mapping names; objects and arrays nested up to a given depth.
 */
final class RandomJsonValues {

    private static final String[] ODD_STRINGS = {
        "",
        " ",
        "\"",
        "\\",
        "/",
        "\n\t\r\b\f",
        "\u0000\u001f\u007f\u0080",
        "é",
        "日本語",
        "😀",
        "a\"b\\c",
        "</script>",
        "\uD83D",
        "\uDE00",
        "\uDE00\uD83D",
        "x\uD83D\uD83D\uDE00y",
        "\u2028\u2029",
        "\uFFFF\uFEFF",
        "\u07FF\u0800"
    };

    private static final double[] ODD_DOUBLES = {
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        1e7,
        9_999_999.0,
        1e-3,
        9.99e-4,
        1e21,
        1e22,
        1e23,
        Double.MIN_VALUE,
        Double.MIN_NORMAL,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        2e-323,
        4.9e-324,
        1.7976931348623157e308,
        123456789012345678.0,
        0.30000000000000004,
        2.0 / 3
    };

    private static final long[] ODD_LONGS = {
        0,
        1,
        -1,
        9,
        10,
        99,
        100,
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        Long.MIN_VALUE + 1,
        Integer.MIN_VALUE,
        Integer.MAX_VALUE,
        999_999_999_999_999_999L,
        1_000_000_000_000_000_000L,
        -1_000_000_000_000_000_000L
    };

    private final Random random;

    RandomJsonValues(Random random) {
        this.random = random;
    }

    /** Any value, containers nesting at most {@code maxDepth} deep. */
    Object value(int maxDepth) {
        int kind = random.nextInt(maxDepth > 0 ? 12 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> longValue();
            case 3 -> doubleValue();
            case 4, 5 -> string();
            case 6 -> otherType();
            case 7 -> otherNumber();
            case 8 -> bytes();
            case 9 -> object(maxDepth - 1);
            case 10 -> array(maxDepth - 1);
            default -> random.nextBoolean() ? object(maxDepth - 1) : array(maxDepth - 1);
        };
    }

    long longValue() {
        return switch (random.nextInt(3)) {
            case 0 -> ODD_LONGS[random.nextInt(ODD_LONGS.length)];
            case 1 -> random.nextLong() >> random.nextInt(64);
            default -> random.nextLong();
        };
    }

    double doubleValue() {
        return switch (random.nextInt(6)) {
            case 0 -> ODD_DOUBLES[random.nextInt(ODD_DOUBLES.length)];
            case 1 -> random.nextDouble() * 1000;
            case 2 -> Math.round(random.nextDouble() * 100_000) / 100.0; // prices: 135.7, 171.07
            case 3 -> (random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextInt(60) - 30) * random.nextDouble();
            default -> Double.longBitsToDouble(random.nextLong()); // every magnitude, now and then NaN
        };
    }

    String string() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> ODD_STRINGS[random.nextInt(ODD_STRINGS.length)];
            case 2 -> chars(random.nextInt(40), 0x10000);
            case 3 -> longString();
            default -> {
                StringBuilder builder = new StringBuilder();
                for (int i = random.nextInt(16); i > 0; i--) {
                    builder.append((char) (random.nextInt(8) == 0 ? random.nextInt(0x80) : 'a' + random.nextInt(26)));
                }
                yield builder.toString();
            }
        };
    }

    /** Characters below {@code bound}, or now and then a surrogate pair or a lone surrogate. */
    private String chars(int length, int bound) {
        StringBuilder builder = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> builder.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 1 -> builder.append((char) (0xD800 + random.nextInt(0x800)));
                default -> builder.append((char) random.nextInt(bound));
            }
        }
        return builder.toString();
    }

    /** ASCII around Jackson's 1000-character segments and the writer's 4096-character chunks, with odd characters. */
    private String longString() {
        int[] lengths = {999, 1000, 1001, 2000, 4095, 4096, 4097, 8192, 10_000};
        char[] chars = new char[lengths[random.nextInt(lengths.length)] + random.nextInt(3) - 1];
        Arrays.fill(chars, (char) ('a' + random.nextInt(26)));
        for (int i = random.nextInt(8); i > 0; i--) {
            String odd = random.nextBoolean() ? "😀" : ODD_STRINGS[random.nextInt(ODD_STRINGS.length)];
            int at = random.nextBoolean() ? random.nextInt(chars.length) : boundary(chars.length);
            for (int k = 0; k < odd.length() && at + k < chars.length; k++) {
                chars[at + k] = odd.charAt(k);
            }
        }
        return new String(chars);
    }

    private int boundary(int length) {
        int[] boundaries = {999, 1000, 1001, 4095, 4096, 4097, 8191};
        return Math.min(length - 1, boundaries[random.nextInt(boundaries.length)] + random.nextInt(3) - 1);
    }

    private Object otherType() {
        return switch (random.nextInt(7)) {
            case 0 -> TimeUnit.values()[random.nextInt(TimeUnit.values().length)];
            case 1 -> Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
            case 2 -> new Object[] {string(), longValue()};
            case 3 -> Set.of(string() + "s");
            case 4 -> new Text(random.nextInt(4) == 0 ? null : string()); // toString() may be null
            case 5 -> 'c';
            default -> new StringBuilder(string());
        };
    }

    private Object otherNumber() {
        return switch (random.nextInt(8)) {
            case 0 -> random.nextInt();
            case 1 -> (short) random.nextInt();
            case 2 -> (byte) random.nextInt();
            case 3 -> random.nextInt(4) == 0 ? Float.NaN : Float.intBitsToFloat(random.nextInt());
            case 4 -> new BigInteger(random.nextInt(200) + 1, random).multiply(BigInteger.valueOf(random.nextInt()));
            case 5 -> new BigDecimal(new BigInteger(random.nextInt(100) + 1, random), random.nextInt(40) - 20);
            case 6 -> new AtomicLong(random.nextLong());
            default -> random.nextFloat() * 100;
        };
    }

    private byte[] bytes() {
        byte[] bytes = new byte[random.nextInt(8) == 0 ? random.nextInt(5000) : random.nextInt(20)];
        random.nextBytes(bytes);
        return bytes;
    }

    private Map<Object, Object> object(int maxDepth) {
        Map<Object, Object> object = switch (random.nextInt(4)) {
            case 0 -> new HashMap<>();
            case 1 -> new TreeMap<>();
            default -> new LinkedHashMap<>();
        };
        for (int i = random.nextInt(6); i > 0; i--) {
            Object key = object instanceof TreeMap
                    ? string()
                    : switch (random.nextInt(16)) {
                        case 0 -> null; // written "null", as String.valueOf gives
                        case 1, 2 -> longValue();
                        default -> string();
                    };
            object.put(key, value(maxDepth));
        }
        return object;
    }

    private List<Object> array(int maxDepth) {
        List<Object> array = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            array.add(value(maxDepth));
        }
        return array;
    }

    /** An object written by its {@code toString()}, which may return null. */
    private record Text(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
