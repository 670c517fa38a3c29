package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.flows.api.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link JsonEventFormat#encode}, {@link JsonEventFormat#encodeBatch} and {@link JsonValues#encode}, which
 * write with {@link FastJsonWriter}, to the bytes and the exceptions of Jackson's generator ({@link JacksonEncoder})
 * over random and exhaustive inputs. The seed is printed; rerun one with {@code -Dflows.seed=<seed>}.
 */
class FastJsonWriterDifferentialTest {

    private static final long SEED = Long.getLong("flows.seed", System.nanoTime());

    private final JsonEventFormat format = new JsonEventFormat();

    private static Random random(String test) {
        System.out.println(FastJsonWriterDifferentialTest.class.getSimpleName() + "." + test + " seed: " + SEED);
        return new Random(SEED);
    }

    @Test
    void shouldEncodeRandomEventsAsJacksonDid() {
        Random random = random("shouldEncodeRandomEventsAsJacksonDid");
        RandomEvents events = new RandomEvents(random);
        RandomJsonValues values = new RandomJsonValues(random);
        for (int i = 0; i < 50_000; i++) {
            Event event = events.next();
            assertSameEncoding(event);
            assertSameEncoding(withOddParts(event, values, random));
        }
    }

    @Test
    void shouldEncodeRandomBatchesAsJacksonDid() {
        Random random = random("shouldEncodeRandomBatchesAsJacksonDid");
        RandomEvents events = new RandomEvents(random);
        RandomJsonValues values = new RandomJsonValues(random);
        for (int i = 0; i < 1_000; i++) {
            List<Event> batch = new ArrayList<>();
            // Up to 400 events, past the 64 KiB a writer keeps between calls.
            for (int n = i % 10 == 9 ? 400 : i % 7; n > 0; n--) {
                batch.add(random.nextBoolean() ? events.next() : withOddParts(events.next(), values, random));
            }
            assertSame(
                    () -> "batch " + batch, () -> JacksonEncoder.encodeBatch(batch), () -> format.encodeBatch(batch));
        }
    }

    @Test
    void shouldEncodeRandomValuesAsJacksonDid() {
        Random random = random("shouldEncodeRandomValuesAsJacksonDid");
        RandomJsonValues values = new RandomJsonValues(random);
        for (int i = 0; i < 100_000; i++) {
            Object value = values.value(i % 6);
            assertSame(() -> describe(value), () -> JacksonEncoder.encodeValue(value), () -> JsonValues.encode(value));
        }
    }

    @Test
    void shouldEncodeEveryCharacterAsJacksonDid() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String alone = String.valueOf((char) c);
            assertSameValue(alone);
            assertSameValue("ab" + alone + "cd");
            assertSameValue(Map.of(alone + "é", alone));
        }
    }

    @Test
    void shouldEncodeEverySurrogateCombinationAsJacksonDid() {
        for (char high = Character.MIN_HIGH_SURROGATE; high <= Character.MAX_HIGH_SURROGATE; high++) {
            for (char low = Character.MIN_LOW_SURROGATE; low <= Character.MAX_LOW_SURROGATE; low += 31) {
                assertSameValue("" + high + low);
                assertSameValue("" + low + high);
                assertSameValue("" + high + high + low);
                assertSameValue("x" + high + 'y' + low);
            }
        }
    }

    @Test
    void shouldEncodeRandomTimesAsJacksonDid() {
        Random random = random("shouldEncodeRandomTimesAsJacksonDid");
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.999999999Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("2024-02-29T12:00:00.000001Z"),
                Instant.parse("2100-03-01T00:00:00.5Z"),
                Instant.MIN,
                Instant.MAX));
        long first = Instant.parse("-2000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(random.nextLong(first, last), nano));
        }
        for (Instant instant : instants) {
            Event event = new Event("1", "/s", "t", Event.SPEC_VERSION, null, instant, null, null, Map.of(), null);
            assertSameEncoding(event);
            assertSameEncoding(event.withData(instant)); // written by toString(), not RFC 3339
        }
    }

    @Test
    void shouldRefuseNestingBeyondJacksonsLimitAsJacksonDid() {
        for (int d = 495; d <= 505; d++) {
            int depth = d;
            Object nested = nested(depth);
            assertSameValue(nested);
            assertSameEncoding(Event.of("1", "/s", "t", nested));
            assertSameEncoding(Event.of("1", "/s", "t", null).withExtensions(Map.of("deep", nested)));
            List<Event> batch = List.of(Event.of("1", "/s", "t", nested));
            assertSame(
                    () -> "batch of depth " + depth,
                    () -> JacksonEncoder.encodeBatch(batch),
                    () -> format.encodeBatch(batch));
        }
        assertThat(outcome(() -> JsonValues.encode(nested(501))).thrown()).hasMessageContaining("nesting depth (501)");
    }

    @Test
    void shouldRefuseANullExtensionNameAsJacksonDid() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put(null, 1L);

        assertSameEncoding(Event.of("1", "/s", "t", null).withExtensions(extensions));
    }

    @Test
    void shouldEncodeAValueWhoseToStringEncodesJson() {
        Object reentrant = new Object() {
            @Override
            public String toString() {
                return new String(JsonValues.encode(List.of("inner", 1L)), StandardCharsets.UTF_8);
            }
        };

        assertSameValue(List.of("outer", reentrant, Map.of("k", reentrant)));
        assertThat(new String(JsonValues.encode(List.of(reentrant)), StandardCharsets.UTF_8))
                .isEqualTo("[\"[\\\"inner\\\",1]\"]");
    }

    @Test
    void shouldEncodeAsJacksonDidFromManyThreadsAtOnce() throws Exception {
        Random random = random("shouldEncodeAsJacksonDidFromManyThreadsAtOnce");
        List<Event> events = new ArrayList<>();
        RandomEvents generator = new RandomEvents(random);
        RandomJsonValues values = new RandomJsonValues(random);
        for (int i = 0; i < 4_000; i++) {
            events.add(i % 2 == 0 ? generator.next() : withOddParts(generator.next(), values, random));
        }
        List<byte[]> expected = events.stream().map(JacksonEncoder::encode).toList();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 500;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < events.size(); i++) {
                        int n = (i + offset) % events.size();
                        if (!Arrays.equals(format.encode(events.get(n)), expected.get(n))) {
                            throw new AssertionError("event " + n + " differs when encoded concurrently; seed " + SEED);
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
    }

    /** An event whose data, extensions and time come from the edges rather than the typical. */
    private static Event withOddParts(Event event, RandomJsonValues values, Random random) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            extensions.put("x" + i, values.value(random.nextInt(3)));
        }
        Instant time = random.nextInt(4) == 0 ? null : Instant.ofEpochSecond(random.nextInt(), random.nextInt(1000));
        return new Event(
                values.string() + "i",
                values.string() + "s",
                values.string() + "t",
                Event.SPEC_VERSION,
                random.nextBoolean() ? values.string() : null,
                time,
                random.nextBoolean() ? values.string() : null,
                random.nextBoolean() ? values.string() : null,
                extensions,
                values.value(5));
    }

    private static Object nested(int depth) {
        Object value = 1L;
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0 ? List.of(value) : Map.of("k", value);
        }
        return value;
    }

    private void assertSameEncoding(Event event) {
        assertSame(() -> describe(event), () -> JacksonEncoder.encode(event), () -> format.encode(event));
    }

    private static void assertSameValue(Object value) {
        assertSame(() -> describe(value), () -> JacksonEncoder.encodeValue(value), () -> JsonValues.encode(value));
    }

    private static void assertSame(Supplier<String> what, Supplier<byte[]> jackson, Supplier<byte[]> fast) {
        Outcome expected = outcome(jackson);
        Outcome actual = outcome(fast);
        if (expected.thrown() != null) {
            if (actual.thrown() == null
                    || actual.thrown().getClass() != expected.thrown().getClass()) {
                fail("Jackson threw " + expected.thrown() + " but got " + actual + " for " + what.get() + "; seed "
                        + SEED);
            }
            // A NullPointerException's helpful message names a variable of Jackson's; the type is what counts.
            if (!(expected.thrown() instanceof NullPointerException)) {
                assertThat(actual.thrown().getMessage())
                        .as(what.get())
                        .isEqualTo(expected.thrown().getMessage());
            }
        } else if (actual.bytes() == null || !Arrays.equals(actual.bytes(), expected.bytes())) {
            fail("encoded differently from Jackson: " + what.get() + "; seed " + SEED + "\n expected: " + expected
                    + "\n actual:   " + actual);
        }
    }

    private static Outcome outcome(Supplier<byte[]> encoder) {
        try {
            return new Outcome(encoder.get(), null);
        } catch (RuntimeException e) {
            return new Outcome(null, e);
        }
    }

    private static String describe(Object value) {
        String text = value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }

    /** What an encoder gave: bytes, or what it threw. */
    private record Outcome(byte[] bytes, RuntimeException thrown) {
        @Override
        public String toString() {
            return thrown != null ? "threw " + thrown : new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
