package dev.flows.engine.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a constant written in YAML as JSON in plain Java form (maps, lists, strings, {@code Long}, {@code Double},
 * booleans, null), the form events hold their data in. Scalars are typed as YAML resolved them: {@code 5} is a
 * number, {@code "5"} a string. A map key that is not a name, or a number JSON cannot hold, is reported at its
 * node. Not thread-safe (it reports into its file).
 */
final class YamlValues {

    private final YamlFile file;

    YamlValues(YamlFile file) {
        this.file = file;
    }

    /**
     * The map {@code node} writes, or empty when it is not a map or a part of it was reported.
     *
     * @param expected what the value must be, for the report, e.g. {@code 'data' must be a map}
     */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> map(Node node, String expected, String example) {
        Optional<MappingNode> map = file.map(node, expected, example);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        int problems = file.problems().size();
        Map<String, Object> value = (Map<String, Object>) value(map.get());
        return file.problems().size() == problems ? Optional.of(value) : Optional.empty();
    }

    /** The value of {@code node}; a part that is reported reads as null. */
    private Object value(Node node) {
        return switch (node) {
            case ScalarNode scalar -> scalar(scalar);
            case SequenceNode list -> {
                List<Object> values = new ArrayList<>();
                list.getValue().forEach(item -> values.add(value(item)));
                yield values;
            }
            case MappingNode map -> {
                Map<String, Object> values = new LinkedHashMap<>();
                for (NodeTuple tuple : map.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && !YamlFile.isNull(key)) {
                        values.put(key.getValue(), value(tuple.getValueNode()));
                    } else {
                        file.problem(
                                tuple.getKeyNode(),
                                "a key of a constant map must be a name, found " + YamlFile.kind(tuple.getKeyNode()));
                    }
                }
                yield values;
            }
            default -> {
                file.problem(node, "a constant must be a map, a list or a scalar, found " + YamlFile.kind(node));
                yield null;
            }
        };
    }

    private Object scalar(ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
        }
        if (tag.equals(Tag.INT)) {
            try {
                return Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException e) {
                file.problem(scalar, "number " + text + " does not fit a whole number; quote it to keep it as text");
                return null;
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            double number = finite(text);
            if (Double.isNaN(number)) {
                file.problem(
                        scalar, "'" + text + "' is not a number JSON can hold; write a finite number, or quote it");
                return null;
            }
            return number;
        }
        return text;
    }

    /** The number {@code text} writes, or NaN for what JSON cannot hold ({@code .inf}, {@code .nan}). */
    private static double finite(String text) {
        try {
            double number = Double.parseDouble(text.replace("_", ""));
            return Double.isFinite(number) ? number : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
