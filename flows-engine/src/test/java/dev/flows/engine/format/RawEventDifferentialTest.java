package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link RawEvent} to {@link JsonEventFormat#decode}: on random valid events every accessor gives what
 * the decoded event holds, and on mutated and truncated ones reading the whole event fails exactly when decoding
 * fails. Prints its seed; rerun a failure with {@code -Dflows.seed=<seed>}.
 */
class RawEventDifferentialTest {

    private static final long SEED = Long.getLong("flows.seed", System.nanoTime());
    private static final byte[] TOKENS = "{}[]\",:\\/0123456789.eE+-tfnu aZ\n\t".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ODD_BYTES = {
        0,
        0x1f,
        (byte) 0x80,
        (byte) 0xbf,
        (byte) 0xc0,
        (byte) 0xc3,
        (byte) 0xe0,
        (byte) 0xed,
        (byte) 0xf0,
        (byte) 0xf4,
        (byte) 0xff
    };

    private final JsonEventFormat format = new JsonEventFormat();
    private final RawEvent raw = new RawEvent();

    private static Random random(String test) {
        System.out.println("RawEventDifferentialTest." + test + " seed: " + SEED);
        return new Random(SEED);
    }

    @Test
    void shouldReadEveryAttributeOfRandomEventsAsDecodeDoes() {
        Random random = random("shouldReadEveryAttributeOfRandomEventsAsDecodeDoes");
        RandomEvents events = new RandomEvents(random);
        for (int i = 0; i < 5_000; i++) {
            byte[] encoded = format.encode(events.next());
            int offset = random.nextInt(8);
            byte[] buffer = new byte[offset + encoded.length + random.nextInt(8)];
            Arrays.fill(buffer, (byte) '}'); // bytes around the event must not be read
            System.arraycopy(encoded, 0, buffer, offset, encoded.length);
            Event expected = format.decode(encoded);
            String context = new String(encoded, StandardCharsets.UTF_8) + " (seed " + SEED + ", event " + i + ")";

            raw.reset(buffer, offset, encoded.length);

            assertThat(raw.string(RawEvent.ID)).as(context).isEqualTo(expected.id());
            assertThat(raw.string(RawEvent.TYPE)).as(context).isEqualTo(expected.type());
            assertThat(raw.stringEquals(RawEvent.TYPE, utf8(expected.type()), expected.type()))
                    .as(context)
                    .isTrue();
            assertThat(raw.string(RawEvent.SUBJECT)).as(context).isEqualTo(expected.subject());
            assertThat(raw.time()).as(context).isEqualTo(expected.time());
            assertThat(raw.partitionKey()).as(context).isEqualTo(expected.partitionKey());
            assertSameEvent(raw.event(), expected, context);
        }
    }

    @Test
    void shouldFindEachMemberOfRandomDataAsDecodeReadsIt() {
        Random random = random("shouldFindEachMemberOfRandomDataAsDecodeReadsIt");
        RandomEvents events = new RandomEvents(random);
        int members = 0;
        while (members < 5_000) {
            Event event = events.next();
            if (!(event.data() instanceof Map<?, ?> data)) {
                continue;
            }
            byte[] encoded = format.encode(event);
            Object decoded = format.decode(encoded).data();
            raw.reset(encoded, 0, encoded.length);
            for (Map.Entry<?, ?> member : ((Map<?, ?>) decoded).entrySet()) {
                String key = (String) member.getKey();
                int position = raw.member(raw.dataPosition(), key, utf8(key));
                String context = key + " in " + new String(encoded, StandardCharsets.UTF_8) + " (seed " + SEED + ")";
                assertThat(position).as(context).isGreaterThanOrEqualTo(0);
                assertThat(raw.valueAt(position)).as(context).isEqualTo(member.getValue());
                assertNumberAccessors(position, member.getValue(), context);
                if (member.getValue() instanceof String text) {
                    assertThat(raw.stringEqualsAt(position, utf8(text), text))
                            .as(context)
                            .isTrue();
                }
                members++;
            }
            if (!data.containsKey("no such key")) {
                assertThat(raw.member(raw.dataPosition(), "no such key", utf8("no such key")))
                        .isEqualTo(-1);
            }
        }
    }

    @Test
    void shouldFailToReadMutatedEventsExactlyWhenDecodeFails() {
        Random random = random("shouldFailToReadMutatedEventsExactlyWhenDecodeFails");
        RandomEvents events = new RandomEvents(random);
        int invalid = 0;
        for (int i = 0; i < 400; i++) {
            byte[] valid = format.encode(events.next());
            for (int t = 0; t < 20; t++) {
                invalid += compare(Arrays.copyOf(valid, random.nextInt(valid.length)));
            }
            for (int m = 0; m < 60; m++) {
                invalid += compare(mutate(valid, random));
            }
        }
        System.out.println("RawEventDifferentialTest: " + invalid + " of 32000 mutated events invalid");
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] mutated = valid.clone();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
            int at = random.nextInt(mutated.length);
            switch (random.nextInt(4)) {
                case 0 -> mutated[at] = TOKENS[random.nextInt(TOKENS.length)];
                case 1 -> mutated[at] = ODD_BYTES[random.nextInt(ODD_BYTES.length)];
                case 2 -> {
                    byte[] shorter = new byte[mutated.length - 1];
                    System.arraycopy(mutated, 0, shorter, 0, at);
                    System.arraycopy(mutated, at + 1, shorter, at, mutated.length - at - 1);
                    mutated = shorter.length == 0 ? mutated : shorter;
                }
                default -> {
                    byte[] longer = new byte[mutated.length + 1];
                    System.arraycopy(mutated, 0, longer, 0, at);
                    longer[at] = TOKENS[random.nextInt(TOKENS.length)];
                    System.arraycopy(mutated, at, longer, at + 1, mutated.length - at);
                    mutated = longer;
                }
            }
        }
        return mutated;
    }

    /** Returns 1 when the bytes are invalid (both readers refused them), 0 when both read the same event. */
    private int compare(byte[] bytes) {
        String context =
                new String(bytes, StandardCharsets.UTF_8) + " " + Arrays.toString(bytes) + " (seed " + SEED + ")";
        Event decoded;
        try {
            decoded = format.decode(bytes);
        } catch (InvalidEventException e) {
            try {
                raw.reset(bytes, 0, bytes.length);
                Event read = raw.event();
                fail("decode refused " + context + " (" + e.getMessage() + ") but the raw reader read " + read);
            } catch (InvalidEventException expected) {
                assertThat(expected.getMessage()).as(context).contains("byte ").contains("; ");
            }
            return 1;
        }
        try {
            raw.reset(bytes, 0, bytes.length);
            assertSameEvent(raw.event(), decoded, context);
        } catch (InvalidEventException e) {
            fail("decode read " + context + " but the raw reader refused it: " + e.getMessage(), e);
        }
        return 0;
    }

    private void assertNumberAccessors(int position, Object value, String context) {
        assertThat(raw.isLong(position)).as(context).isEqualTo(value instanceof Long);
        assertThat(raw.isDouble(position)).as(context).isEqualTo(value instanceof Double);
        if (value instanceof Long number) {
            assertThat(raw.longAt(position)).as(context).isEqualTo(number);
        }
        if (value instanceof Double number) {
            assertThat(raw.doubleAt(position)).as(context).isEqualTo(number);
        }
    }

    private static void assertSameEvent(Event actual, Event expected, String context) {
        if (expected.data() instanceof byte[] bytes) {
            assertThat(actual.data()).as(context).isInstanceOf(byte[].class);
            assertThat((byte[]) actual.data()).as(context).isEqualTo(bytes);
            assertThat(actual.withData(null)).as(context).isEqualTo(expected.withData(null));
        } else {
            assertThat(actual).as(context).isEqualTo(expected);
            assertThat(List.copyOf(actual.extensions().keySet()))
                    .as(context)
                    .isEqualTo(List.copyOf(expected.extensions().keySet()));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
