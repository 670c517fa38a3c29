package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Randomised round trips and fuzzing. The seed is printed; rerun one with {@code -Dflows.seed=<seed>}.
 */
class JsonEventFormatRandomTest {

    private static final long SEED = Long.getLong("flows.seed", System.nanoTime());

    private final JsonEventFormat format = new JsonEventFormat();

    private static Random random(String test) {
        System.out.println(JsonEventFormatRandomTest.class.getSimpleName() + "." + test + " seed: " + SEED);
        return new Random(SEED);
    }

    @Test
    void shouldRoundTripRandomEvents() {
        RandomEvents events = new RandomEvents(random("shouldRoundTripRandomEvents"));
        for (int i = 0; i < 5_000; i++) {
            Event event = events.next();

            byte[] encoded = format.encode(event);
            Event decoded = format.decode(encoded);

            assertSameEvent(decoded, event, encoded);
        }
    }

    @Test
    void shouldRoundTripRandomBatches() {
        RandomEvents events = new RandomEvents(random("shouldRoundTripRandomBatches"));
        for (int i = 0; i < 200; i++) {
            List<Event> batch = new ArrayList<>();
            for (int n = i % 7; n > 0; n--) {
                batch.add(events.next());
            }

            byte[] encoded = format.encodeBatch(batch);
            List<Event> decoded = format.decodeBatch(encoded);

            assertThat(decoded).hasSameSizeAs(batch);
            for (int n = 0; n < batch.size(); n++) {
                assertSameEvent(decoded.get(n), batch.get(n), encoded);
            }
        }
    }

    @Test
    void shouldThrowOnlyInvalidEventExceptionForRandomBytes() {
        Random random = random("shouldThrowOnlyInvalidEventExceptionForRandomBytes");
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            decodeExpectingOnlyInvalidEvents(bytes);
        }
    }

    @Test
    void shouldThrowOnlyInvalidEventExceptionForTruncatedAndMutatedEvents() {
        Random random = random("shouldThrowOnlyInvalidEventExceptionForTruncatedAndMutatedEvents");
        RandomEvents events = new RandomEvents(random);
        byte[] tokens = "{}[]\",:\\0123456789.eE+-tfn \u00ff".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 100; i++) {
            byte[] valid = random.nextBoolean()
                    ? format.encode(events.next())
                    : format.encodeBatch(List.of(events.next(), events.next()));
            for (int t = 0; t < 100; t++) {
                decodeExpectingOnlyInvalidEvents(Arrays.copyOf(valid, random.nextInt(valid.length)));
            }
            for (int m = 0; m < 50; m++) {
                byte[] mutated = valid.clone();
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    mutated[random.nextInt(mutated.length)] = tokens[random.nextInt(tokens.length)];
                }
                decodeExpectingOnlyInvalidEvents(mutated);
            }
        }
    }

    private void decodeExpectingOnlyInvalidEvents(byte[] bytes) {
        expectOnlyInvalidEvents(bytes, format::decode);
        expectOnlyInvalidEvents(bytes, format::decodeBatch);
    }

    private static void expectOnlyInvalidEvents(byte[] bytes, Consumer<byte[]> decoder) {
        try {
            decoder.accept(bytes);
        } catch (InvalidEventException e) {
            assertThat(e.pointer()).isNotNull();
            assertThat(e.getMessage()).isNotBlank().contains("; ");
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(
                    "decoding " + Arrays.toString(bytes) + " (" + new String(bytes, StandardCharsets.UTF_8) + ") threw "
                            + e + "; seed " + SEED,
                    e);
        }
    }

    private static void assertSameEvent(Event decoded, Event expected, byte[] encoded) {
        String context = new String(encoded, StandardCharsets.UTF_8) + " (seed " + SEED + ")";
        if (expected.data() instanceof byte[] bytes) {
            if (!(decoded.data() instanceof byte[] decodedBytes) || !Arrays.equals(decodedBytes, bytes)) {
                fail("binary data differs after a round trip of " + context);
            }
            assertThat(decoded.withData(null)).as(context).isEqualTo(expected.withData(null));
        } else {
            assertThat(decoded).as(context).isEqualTo(expected);
        }
    }
}
