package dev.flows.engine.format;

import dev.flows.api.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates valid events with every attribute, extension kind and data shape the format supports. Public for
 * the differential tests of the expression package.
 */
public final class RandomEvents {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] ODD_STRINGS = {
        "", " ", "\"", "\\", "/", "\n\t\r", "\u0000\u001f", "é", "日本語", "😀", "a\"b\\c", "</script>", "~1"
    };

    private final Random random;

    public RandomEvents(Random random) {
        this.random = random;
    }

    public Event next() {
        return new Event(
                nonEmpty(),
                nonEmpty(),
                nonEmpty(),
                Event.SPEC_VERSION,
                random.nextBoolean() ? nonEmpty() : null,
                random.nextBoolean() ? instant() : null,
                random.nextBoolean() ? "application/json" : null,
                random.nextBoolean() ? "https://example.com/" + nonEmpty() : null,
                extensions(),
                data());
    }

    private Object data() {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> bytes();
            case 2 -> string();
            default -> value(0);
        };
    }

    private Map<String, Object> extensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String name = extensionName();
            Object value = switch (random.nextInt(4)) {
                case 0 -> string();
                case 1 -> random.nextLong();
                case 2 -> finiteDouble();
                default -> random.nextBoolean();
            };
            extensions.put(name, value);
        }
        return extensions;
    }

    private String extensionName() {
        String name;
        do {
            StringBuilder builder = new StringBuilder();
            int length = 1 + random.nextInt(20);
            for (int i = 0; i < length; i++) {
                builder.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            name = builder.toString();
        } while (isContextAttribute(name));
        return name;
    }

    private static boolean isContextAttribute(String name) {
        return List.of(
                        "specversion",
                        "id",
                        "source",
                        "type",
                        "subject",
                        "time",
                        "datacontenttype",
                        "dataschema",
                        "data")
                .contains(name);
    }

    /** A JSON value; containers get rarer with depth so values stay small. */
    private Object value(int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong() >> random.nextInt(64);
            case 3 -> finiteDouble();
            case 4, 5 -> string();
            case 6 -> {
                Map<String, Object> object = new LinkedHashMap<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    object.put(string(), value(depth + 1));
                }
                yield object;
            }
            default -> {
                List<Object> array = new ArrayList<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    array.add(value(depth + 1));
                }
                yield array;
            }
        };
    }

    private double finiteDouble() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(1000);
            case 1 -> random.nextDouble() * 1000;
            case 2 -> -0.0;
            default -> {
                double d;
                do {
                    d = Double.longBitsToDouble(random.nextLong());
                } while (!Double.isFinite(d));
                yield d;
            }
        };
    }

    private String nonEmpty() {
        String s = string();
        return s.isEmpty() ? "x" : s;
    }

    private String string() {
        if (random.nextInt(4) == 0) {
            return ODD_STRINGS[random.nextInt(ODD_STRINGS.length)];
        }
        StringBuilder builder = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            builder.appendCodePoint(random.nextInt(10) == 0 ? 0x20 + random.nextInt(0x2000) : 'a' + random.nextInt(26));
        }
        return builder.toString();
    }

    private byte[] bytes() {
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Any instant RFC 3339 can write (years 0000 to 9999), at second, milli, micro or nano precision. */
    private Instant instant() {
        long seconds = random.nextLong(
                Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
