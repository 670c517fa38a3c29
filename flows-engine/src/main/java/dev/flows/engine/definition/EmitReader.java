package dev.flows.engine.definition;

import dev.flows.api.flow.Emit;
import dev.flows.api.flow.FieldAssignment;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code emit} of a join or a pattern: {@code type} (the emitted event's type) and an optional
 * {@code set}, an ordered map from field path to CEL over the variables the step binds. Not thread-safe.
 */
final class EmitReader {

    private final YamlFile file;
    private final AssignmentReader assignments;

    EmitReader(YamlFile file) {
        this.file = file;
        this.assignments = new AssignmentReader(file);
    }

    /**
     * @param example an emit as it would be written in this step, for messages
     */
    Optional<Emit> read(Node value, String example) {
        Optional<MappingNode> map = file.map(value, "'emit' must be a map with type and optionally set", example);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.EMIT);
        Optional<Node> typeNode = fields.required(
                "type", "an emit needs 'type', the type of the event it emits, e.g. type: shop.checkout.abandoned");
        Optional<String> type = typeNode.flatMap(
                node -> file.text(node, "an emit's 'type' must be an event type", "type: shop.checkout.abandoned"));
        Optional<Node> setNode = fields.value("set");
        Optional<List<FieldAssignment>> set = setNode.flatMap(assignments::emit);
        if (type.isEmpty() || (setNode.isPresent() && set.isEmpty())) {
            return Optional.empty();
        }
        Emit emit = new Emit(type.get(), set.orElse(List.of()));
        file.reference(emit, ReferenceLocations.Part.TYPE, typeNode.orElseThrow());
        return Optional.of(emit);
    }
}
