package dev.flows.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link JsonOutput} to the bytes {@link JsonValues#encode} writes for the same document built as maps and
 * lists (which FastJsonWriterDifferentialTest holds to Jackson's generator), commas included. The seed is
 * printed; rerun one with {@code -Dflows.seed=<seed>}.
 */
class JsonOutputTest {

    private static final long SEED = Long.getLong("flows.seed", System.nanoTime());

    @Test
    void shouldWriteWhatEncodingTheSameMapsWrites() {
        System.out.println("JsonOutputTest seed: " + SEED);
        Random random = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            Object document = random.nextInt(4) == 0 ? list(random, 0) : map(random, 0);
            byte[] written;
            try (JsonOutput out = JsonOutput.open()) {
                write(document, out);
                written = out.toByteArray();
            }
            assertThat(new String(written, StandardCharsets.UTF_8))
                    .as("document %s (seed %d)", document, SEED)
                    .isEqualTo(new String(JsonValues.encode(document), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldWriteTheIngestAnswerShape() {
        byte[] json;
        try (JsonOutput out = JsonOutput.open()) {
            out.startObject().name("channel").string("shop").name("events").startArray();
            out.startObject().name("id").string("a\"1").name("offset").number(7).endObject();
            out.startObject().name("duplicate").bool(true).endObject();
            json = out.endArray().endObject().toByteArray();
        }
        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"channel\":\"shop\",\"events\":[{\"id\":\"a\\\"1\",\"offset\":7},{\"duplicate\":true}]}");
    }

    private static void write(Object value, JsonOutput out) {
        switch (value) {
            case Map<?, ?> map -> {
                out.startObject();
                map.forEach((name, member) -> write(member, out.name((String) name)));
                out.endObject();
            }
            case List<?> list -> {
                out.startArray();
                list.forEach(element -> write(element, out));
                out.endArray();
            }
            case String text -> out.string(text);
            case Long number -> out.number(number);
            case Boolean bool -> out.bool(bool);
            default -> throw new IllegalArgumentException("not generated: " + value);
        }
    }

    private static Map<String, Object> map(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            map.put(text(random), value(random, depth + 1));
        }
        return map;
    }

    private static List<Object> list(Random random, int depth) {
        List<Object> list = new ArrayList<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            list.add(value(random, depth + 1));
        }
        return list;
    }

    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 3 : 5);
        return switch (kind) {
            case 0 -> text(random);
            case 1 -> random.nextLong() >> random.nextInt(64);
            case 2 -> random.nextBoolean();
            case 3 -> map(random, depth);
            default -> list(random, depth);
        };
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(8); n > 0; n--) {
            text.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x3000) : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}
