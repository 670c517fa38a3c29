package dev.flows.engine.definition;

import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads a {@code set} map, an ordered map from field path to CEL expression, as a set step and an emit write
 * it. Field paths are checked against {@link FieldPaths}; an assignment with a problem is reported and left
 * out. Not thread-safe.
 */
final class AssignmentReader {

    private static final String EXAMPLE = "set: { data.total: data.price * 2.0 }";

    private final YamlFile file;

    AssignmentReader(YamlFile file) {
        this.file = file;
    }

    /** A set step's fields: a map with at least one assignment. */
    Optional<List<FieldAssignment>> step(Node value) {
        Optional<MappingNode> map = file.map(value, "'set' must be a map from field to CEL expression", EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        if (map.get().getValue().isEmpty()) {
            file.problem(value, "'set' needs at least one field, e.g. data.total: data.price * 2.0");
            return Optional.empty();
        }
        return Optional.of(assignments(map.get()));
    }

    /** An emit's fields: a map, possibly empty. */
    Optional<List<FieldAssignment>> emit(Node value) {
        return file.map(value, "an emit's 'set' must be a map from field to CEL expression", EXAMPLE)
                .map(this::assignments);
    }

    private List<FieldAssignment> assignments(MappingNode map) {
        List<FieldAssignment> assignments = new ArrayList<>();
        for (NodeTuple tuple : map.getValue()) {
            Optional<String> written = file.text(tuple.getKeyNode(), "a field of 'set' must be a path", "data.total");
            Optional<String> path = written.filter(text -> validPath(tuple.getKeyNode(), text));
            Optional<Expression> value = file.expression(
                    tuple.getValueNode(),
                    "field '" + written.orElse("?") + "' of 'set' needs a CEL expression for its value",
                    "data.price * 2.0");
            if (path.isPresent() && value.isPresent()) {
                assignments.add(new FieldAssignment(path.get(), value.get()));
            }
        }
        return assignments;
    }

    private boolean validPath(Node key, String path) {
        Optional<String> problem = FieldPaths.check(path);
        problem.ifPresent(message -> file.problem(key, message));
        return problem.isEmpty();
    }
}
