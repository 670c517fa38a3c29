package dev.flows.engine.expression;

import dev.flows.api.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random events for expression tests: data members under the few names {@link ExpressionGrammar} selects,
 * each of a random kind, with the values where CEL's rules have edges (overflow, -0.0, NaN-free extremes,
 * 2^53 + 1, escapes, non-BMP text).
 */
final class ExpressionEvents {

    static final List<String> KEYS = List.of("a", "b", "s", "n", "price", "qty", "m", "l");
    static final List<String> TYPES = List.of("shop.cart.add", "shop.order.placed", "shop.page.view", "x\"y", "é");
    static final List<Long> LONGS = List.of(
            0L, 1L, -1L, 2L, 3L, 7L, 100L, 9_007_199_254_740_993L, Long.MAX_VALUE, Long.MIN_VALUE, -9_223_372_036L);
    static final List<Double> DOUBLES = List.of(
            0.0,
            -0.0,
            0.5,
            1.0,
            2.5,
            -2.5,
            3.0,
            19.99,
            100.0,
            1e300,
            -1e300,
            9.007199254740992E15,
            9.3e18,
            -9.3e18,
            Double.MAX_VALUE,
            Double.MIN_VALUE);
    static final List<String> STRINGS =
            List.of("", "a", "b", "abc", "shop.cart.add", "DE", "FR", "😀", "é", "1", "-7", "1.5", " 2", "a\"b\\c");

    private final Random random;

    ExpressionEvents(Random random) {
        this.random = random;
    }

    Event next() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            extensions.put("region", pick(STRINGS));
        }
        if (random.nextBoolean()) {
            extensions.put("priority", pick(LONGS));
        }
        if (random.nextInt(4) == 0) {
            extensions.put("flag", random.nextBoolean());
        }
        return new Event(
                "e-" + random.nextInt(1000),
                "/shop",
                pick(TYPES),
                Event.SPEC_VERSION,
                random.nextBoolean() ? pick(STRINGS.subList(1, STRINGS.size())) : null,
                random.nextBoolean() ? Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000)) : null,
                random.nextBoolean() ? "application/json" : null,
                null,
                extensions,
                random.nextInt(10) == 0 ? scalar() : object(0));
    }

    /** A value for the extra variable {@code row}: a table row (an object like data), a scalar, or null. */
    Object row() {
        return random.nextInt(4) == 0 ? scalar() : object(1);
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (String key : KEYS) {
            if (random.nextInt(5) != 0) {
                object.put(key, value(key, depth));
            }
        }
        return object;
    }

    private Object value(String key, int depth) {
        if (key.equals("m") && depth < 2 && random.nextInt(4) != 0) {
            return object(depth + 1);
        }
        if (key.equals("l") && random.nextInt(4) != 0) {
            List<Object> list = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                list.add(scalar());
            }
            return list;
        }
        if (key.equals("price") && random.nextInt(4) != 0) {
            return pick(DOUBLES);
        }
        if (key.equals("qty") && random.nextInt(4) != 0) {
            return pick(LONGS);
        }
        return scalar();
    }

    private Object scalar() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(LONGS);
            case 1 -> pick(DOUBLES);
            case 2, 3 -> pick(STRINGS);
            case 4 -> random.nextBoolean();
            default -> null;
        };
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
