package dev.flows.engine.definition;

import dev.flows.engine.expression.NameSuggestion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * One YAML map read against its {@link MapShape}: the known keys by name, in the order written. Unknown
 * keys (with a suggestion), repeated keys and keys that are not names are reported while reading and then
 * ignored. Not thread-safe.
 */
final class MapFields {

    /** The advice for a list item holding several things that should each be an item. */
    static final String EACH_ITS_OWN_ITEM = "make each its own list item, starting with '- '";

    private final YamlFile file;
    private final MappingNode node;
    private final MapShape shape;
    private final Map<String, NodeTuple> fields = new LinkedHashMap<>();
    /** Known keys that an unknown key was reported as a likely misspelling of. */
    private final Set<String> suggested = new HashSet<>();

    private boolean unknownKeys;

    private MapFields(YamlFile file, MappingNode node, MapShape shape) {
        this.file = file;
        this.node = node;
        this.shape = shape;
    }

    /** Reads {@code node}'s keys, reporting every key {@code shape} does not allow. */
    static MapFields read(YamlFile file, MappingNode node, MapShape shape) {
        MapFields fields = new MapFields(file, node, shape);
        for (NodeTuple tuple : node.getValue()) {
            fields.add(tuple);
        }
        return fields;
    }

    private void add(NodeTuple tuple) {
        if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || YamlFile.isNull(keyNode)) {
            file.problem(
                    tuple.getKeyNode(),
                    "a key in " + shape.noun() + " must be a name, found " + YamlFile.kind(tuple.getKeyNode()) + "; "
                            + shape.allowed());
            unknownKeys = true;
            return;
        }
        String key = keyNode.getValue();
        if (!shape.keys().contains(key)) {
            unknownKeys = true;
            NameSuggestion.closest(key, shape.keys()).ifPresent(suggested::add);
            String suggestion = NameSuggestion.didYouMean(key, shape.keys());
            file.problem(
                    keyNode,
                    "unknown key '" + key + "' in " + shape.noun()
                            + (suggestion.isEmpty()
                                    ? "; " + shape.allowed()
                                    : suggestion + " " + shape.allowedSentence()));
        } else if (fields.containsKey(key)) {
            file.problem(
                    keyNode,
                    "key '" + key + "' appears twice in " + shape.noun() + "; the first is at line "
                            + file.at(fields.get(key).getKeyNode()).line() + "; keep one");
        } else {
            fields.put(key, tuple);
        }
    }

    MappingNode node() {
        return node;
    }

    /** Whether any key was unknown or not a name (and so reported already). */
    boolean hadUnknownKeys() {
        return unknownKeys;
    }

    /** The known keys present, in the order written. */
    List<String> keys() {
        return new ArrayList<>(fields.keySet());
    }

    /** The value of {@code key}, if present. */
    Optional<Node> value(String key) {
        return Optional.ofNullable(fields.get(key)).map(NodeTuple::getValueNode);
    }

    /** The key node of {@code key}, if present. */
    Optional<Node> keyNode(String key) {
        return Optional.ofNullable(fields.get(key)).map(NodeTuple::getKeyNode);
    }

    /**
     * The value of {@code key}; when absent, reports {@code missing} at the start of the map, unless an unknown
     * key was already reported as a misspelling of it.
     */
    Optional<Node> required(String key, String missing) {
        Optional<Node> value = value(key);
        if (value.isEmpty() && !suggested.contains(key)) {
            file.problem(node, missing);
        }
        return value;
    }

    /**
     * The one key of a map that must have exactly one of its shape's keys (a step, a destination). Reports
     * a map with none or several; a map with unknown keys has been reported already and gives nothing.
     */
    Optional<String> onlyKey(String example) {
        return onlyOneOf(shape.keys(), example, EACH_ITS_OWN_ITEM);
    }

    /**
     * The one key among {@code choices} of a map that must have exactly one of them next to other keys (a
     * step's kind next to its on-error, a window's shape next to its aggregates). Reports a map with none or
     * several; a map with unknown keys has been reported already (the unknown key may be the misspelt choice)
     * and gives nothing.
     *
     * @param several what to do when several are present, e.g. {@link #EACH_ITS_OWN_ITEM}
     */
    Optional<String> onlyOneOf(List<String> choices, String example, String several) {
        List<String> present = keys().stream().filter(choices::contains).toList();
        if (unknownKeys) {
            return Optional.empty();
        }
        if (present.size() == 1) {
            return Optional.of(present.getFirst());
        }
        String list = String.join(", ", choices);
        if (present.isEmpty()) {
            String found = node.getValue().isEmpty() ? "an empty map" : "none of them";
            file.problem(node, shape.noun() + " needs one of " + list + ", found " + found + "; e.g. " + example);
        } else {
            file.problem(
                    node,
                    shape.noun() + " has exactly one of " + list + ", this one has " + String.join(" and ", present)
                            + "; " + several);
        }
        return Optional.empty();
    }
}
