package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Decoding for storage (data kept as {@link EncodedJson}) against decoding into plain values: for any bytes,
 * both refuse with the same pointer and message, or both accept and encode to the same bytes. Inputs: the fuzz
 * corpus, random events, the same events re-spaced and escaped, and random mutations of them. The seed is
 * printed; rerun one with {@code -Dflows.seed=<seed>}.
 */
class JsonEventFormatStorageTest {

    private static final long SEED = Long.getLong("flows.seed", System.nanoTime());

    private final JsonEventFormat format = new JsonEventFormat();

    @Test
    void shouldAgreeWithPlainDecodingOnTheFuzzCorpus() throws Exception {
        List<Path> singles = corpus("decode");
        List<Path> batches = corpus("decodeBatch");

        for (Path input : singles) {
            agreeOnOne(Files.readAllBytes(input), input.getFileName().toString());
        }
        for (Path input : batches) {
            agreeOnBatch(Files.readAllBytes(input), input.getFileName().toString());
        }
        assertThat(singles.size() + batches.size()).isGreaterThan(50);
    }

    @Test
    void shouldAgreeWithPlainDecodingOnRandomAndMutatedEvents() {
        System.out.println("JsonEventFormatStorageTest seed: " + SEED);
        Random random = new Random(SEED);
        RandomEvents events = new RandomEvents(random);
        int refused = 0;
        for (int i = 0; i < 3_000; i++) {
            byte[] encoded = format.encode(events.next());
            agreeOnOne(encoded, "random event " + i);
            agreeOnOne(respaced(encoded), "re-spaced random event " + i);
            byte[] mutated = mutated(encoded, random);
            if (!outcome(() -> format.encode(format.decode(mutated))).accepted()) {
                refused++;
            }
            agreeOnOne(mutated, "mutated random event " + i + ": " + new String(mutated, StandardCharsets.UTF_8));
            byte[] batch = ("[" + new String(encoded, StandardCharsets.UTF_8) + ","
                            + new String(mutated, StandardCharsets.UTF_8) + "]")
                    .getBytes(StandardCharsets.UTF_8);
            agreeOnBatch(batch, "batch of random event " + i);
        }
        // The mutations must reach the refusals too, or the test compares acceptances only.
        assertThat(refused).isGreaterThan(100);
    }

    @Test
    void shouldReadValidEventsInPlaceWithoutFallingBackToJackson() {
        System.out.println("JsonEventFormatStorageTest seed: " + SEED);
        Random random = new Random(SEED);
        RandomEvents events = new RandomEvents(random);
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            byte[] encoded = format.encode(events.next());
            for (byte[] input : List.of(encoded, respaced(encoded))) {
                String expected = new String(format.encode(format.decode(input)), StandardCharsets.UTF_8);
                String read = new String(format.encode(new RawBodyReader().event(input)), StandardCharsets.UTF_8);
                assertThat(read)
                        .as("random event %d: %s", i, new String(input, StandardCharsets.UTF_8))
                        .isEqualTo(expected);
                batch.add(new String(input, StandardCharsets.UTF_8));
            }
            if (batch.size() >= 20) {
                byte[] body = (" [ " + String.join(" ,\n", batch) + " ] ").getBytes(StandardCharsets.UTF_8);
                assertThat(new String(format.encodeBatch(new RawBodyReader().batch(body)), StandardCharsets.UTF_8))
                        .isEqualTo(new String(format.encodeBatch(format.decodeBatch(body)), StandardCharsets.UTF_8));
                batch.clear();
            }
        }
    }

    @Test
    void shouldNeverReadInPlaceWhatJacksonRefusesOrReadItDifferently() {
        System.out.println("JsonEventFormatStorageTest seed: " + SEED);
        Random random = new Random(SEED);
        RandomEvents events = new RandomEvents(random);
        int readInPlace = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] mutated = mutated(format.encode(events.next()), random);
            Outcome plain = outcome(() -> format.encode(format.decode(mutated)));
            Outcome inPlace = outcome(() -> format.encode(new RawBodyReader().event(mutated)));
            if (inPlace.accepted()) {
                readInPlace++;
                assertThat(inPlace)
                        .as("mutated event %d: %s", i, new String(mutated, StandardCharsets.UTF_8))
                        .isEqualTo(plain);
            }
        }
        assertThat(readInPlace).isGreaterThan(1_000);
    }

    @Test
    void shouldRefuseNumbersJacksonFindsTooLongWhereverTheyStand() {
        String longFraction = "0." + "1".repeat(StrictJson.MAX_NUMBER_LENGTH + 5);
        for (String member : List.of(
                "\"data\":" + longFraction, "\"data\":{\"a\":[" + longFraction + "]}", "\"n\":" + longFraction)) {
            byte[] event = ("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"," + member + "}")
                    .getBytes(StandardCharsets.UTF_8);

            assertThat(outcome(() -> format.encode(format.decodeForStorage(event)))
                            .accepted())
                    .as(member)
                    .isFalse();
            agreeOnOne(event, member);
        }
    }

    @Test
    void shouldAcceptDataObjectsWithMoreMembersThanTheInPlaceCopyCompares() {
        StringBuilder data = new StringBuilder("{");
        for (int i = 0; i <= RawDataCopier.MAX_COMPARED_KEYS; i++) {
            data.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        byte[] event = ("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":" + data
                        + "}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(outcome(() -> format.encode(new RawBodyReader().event(event)))
                        .accepted())
                .isFalse();
        agreeOnOne(event, "data with " + (RawDataCopier.MAX_COMPARED_KEYS + 1) + " members");
        assertThat(outcome(() -> format.encode(format.decodeForStorage(event))).accepted())
                .isTrue();
    }

    @Test
    void shouldReportRepeatedKeysTheSameInSmallAndLargeObjects() {
        StringBuilder large = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            large.append("\"k").append(i).append("\":").append(i).append(',');
        }
        large.append("\"k33\":{\"x\":1}}");
        for (String data : List.of("{\"a\":1,\"a\":2}", "{\"a\":{\"b\":[1,{\"c\":1,\"c\":1}]}}", large.toString())) {
            byte[] event = ("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":" + data
                            + "}")
                    .getBytes(StandardCharsets.UTF_8);

            Outcome storage = outcome(() -> format.encode(format.decodeForStorage(event)));

            assertThat(storage.accepted()).as(data).isFalse();
            assertThat(storage.refusal()).as(data).contains("duplicate key");
            agreeOnOne(event, data);
        }
    }

    @Test
    void shouldKeepEncodedDataReadableAsPlainValues() {
        byte[] event = ("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\","
                        + "\"data\":{\"n\":1,\"x\":1.5e0,\"s\":\"\\u00e9\",\"l\":[true,null]}}")
                .getBytes(StandardCharsets.UTF_8);

        Event stored = format.decodeForStorage(event);

        assertThat(stored.data()).isInstanceOf(EncodedJson.class);
        assertThat(stored.data().toString()).isEqualTo("{\"n\":1,\"x\":1.5,\"s\":\"é\",\"l\":[true,null]}");
        assertThat(((EncodedJson) stored.data()).value())
                .isEqualTo(format.decode(event).data());
    }

    private void agreeOnOne(byte[] input, String what) {
        Outcome plain = outcome(() -> format.encode(format.decode(input)));
        Outcome storage = outcome(() -> format.encode(format.decodeForStorage(input)));
        assertThat(storage).as(what).isEqualTo(plain);
    }

    private void agreeOnBatch(byte[] input, String what) {
        Outcome plain = outcome(() -> format.encodeBatch(format.decodeBatch(input)));
        Outcome storage = outcome(() -> format.encodeBatch(format.decodeBatchForStorage(input)));
        assertThat(storage).as(what).isEqualTo(plain);
    }

    /** What decoding and encoding gave: the bytes as text, or the refusal's pointer and message. */
    private record Outcome(String bytes, String refusal) {
        boolean accepted() {
            return refusal == null;
        }
    }

    private static Outcome outcome(Supplier<byte[]> encoding) {
        try {
            return new Outcome(new String(encoding.get(), StandardCharsets.UTF_8), null);
        } catch (InvalidEventException e) {
            // Jackson counts a too long number's length where its buffer happened to end, which differs from
            // one parse to the next as its recycled buffers grow: the count is not part of what must agree.
            String message = e.getMessage().replaceAll("Number value length \\(\\d+\\)", "Number value length (n)");
            return new Outcome(null, e.pointer() + " " + message);
        }
    }

    /** The same JSON with spaces after every structural character and non-ASCII characters escaped. */
    private static byte[] respaced(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    out.append(c).append(text.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    inString = false;
                } else if (c > 0x7e) {
                    out.append(String.format("\\u%04x", (int) c));
                    continue;
                }
                out.append(c);
                continue;
            }
            out.append(c);
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[' || c == ',' || c == ':') {
                out.append(" \n\t");
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes with one to three random changes: a byte replaced, dropped or repeated. */
    private static byte[] mutated(byte[] json, Random random) {
        List<Byte> bytes = new ArrayList<>(json.length + 3);
        for (byte b : json) {
            bytes.add(b);
        }
        String interesting = "{}[]\",:0123456789.eE-+\\ntfu ";
        for (int n = 1 + random.nextInt(3); n > 0 && !bytes.isEmpty(); n--) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(3)) {
                case 0 -> bytes.set(at, (byte) interesting.charAt(random.nextInt(interesting.length())));
                case 1 -> bytes.remove(at);
                default -> bytes.add(at, bytes.get(at));
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    private static List<Path> corpus(String method) {
        URL url = JsonEventFormatStorageTest.class.getResource("JsonEventFormatFuzzTestInputs/" + method);
        assertThat(url).as("fuzz corpus of " + method).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
