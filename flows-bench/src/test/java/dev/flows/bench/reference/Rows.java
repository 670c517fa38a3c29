package dev.flows.bench.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON objects in a canonical text, so that outputs compare as multisets of objects: keys sorted, numbers by
 * their decimal value ({@code 328.0}, {@code 328.00} and {@code 328} are one number; the text is parsed as a
 * BigDecimal, never through a double), strings and the rest as Jackson writes them. Stateless.
 */
public final class Rows {

    /** Reads floating-point numbers as BigDecimal, so that the value compared is the text written. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Rows() {}

    /** A new object to fill in. */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The canonical text of every line of a JSON-lines file, sorted; empty when the file does not exist. */
    public static List<String> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(line -> canonical(JSON.readTree(line))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canonical texts of objects, sorted. */
    static List<String> sorted(List<ObjectNode> rows) {
        List<String> texts = new ArrayList<>(rows.size());
        for (ObjectNode row : rows) {
            texts.add(canonical(row));
        }
        texts.sort(null);
        return texts;
    }

    /** The canonical text of a JSON value. */
    static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                fields.put(field.getKey(), canonical(field.getValue()));
            }
            StringJoiner text = new StringJoiner(",", "{", "}");
            fields.forEach((name, value) -> text.add(JSON.writeValueAsString(name) + ":" + value));
            return text.toString();
        }
        if (node.isArray()) {
            StringJoiner text = new StringJoiner(",", "[", "]");
            node.values().forEach(element -> text.add(canonical(element)));
            return text.toString();
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return value.signum() == 0 ? "0" : value.toPlainString();
        }
        return JSON.writeValueAsString(node);
    }
}
