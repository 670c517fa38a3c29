package dev.flows.engine.definition;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.TableMode;
import dev.flows.engine.expression.NameSuggestion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads a {@code table:} destination: {@code name}, {@code key} (CEL giving the row key), an optional {@code
 * set}, an ordered map from row field to CEL in which {@code row} is the previous row, an optional {@code mode}
 * ({@code merge}, the default with {@code set}, or {@code replace}), and optional CEL conditions {@code when}
 * (the events it applies to) and {@code delete} (the events that delete their row; sees {@code row} too). Row
 * fields are identifiers so that {@code row.<field>} can read them back. The expressions are compiled by {@link
 * FlowValidator}. Not thread-safe.
 */
final class TableReader {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> MODES =
            Arrays.stream(TableMode.values()).map(TableMode::yamlName).toList();

    private final YamlFile file;

    TableReader(YamlFile file) {
        this.file = file;
    }

    Optional<Destination> read(Node item, Node value) {
        Optional<MappingNode> map = file.map(
                value,
                "'table' must be a map with name, key and optionally set, mode, when, delete",
                "table: { name: revenue, key: data.user }");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.TABLE);
        Optional<String> name = fields.required("name", "a table destination needs a 'name', e.g. name: revenue")
                .flatMap(node -> file.text(node, "a table's 'name' must be a name", "name: revenue")
                        .filter(text -> validName(node, text)));
        Optional<Expression> key = fields.required(
                        "key",
                        "a table destination needs a 'key', a CEL expression"
                                + " giving the row's key, e.g. key: data.user")
                .flatMap(node -> file.expression(node, "a table's 'key' must be a CEL expression", "key: data.user"));
        List<FieldAssignment> set = fields.value("set").map(this::set).orElse(List.of());
        Optional<Node> modeNode = fields.value("mode");
        Optional<TableMode> mode = modeNode.flatMap(this::mode);
        Optional<Node> whenNode = fields.value("when");
        Optional<Expression> when = whenNode.flatMap(node -> file.expression(
                node, "a table's 'when' must be a CEL condition", "when: type == \"shop.customer.updated\""));
        Optional<Node> deleteNode = fields.value("delete");
        Optional<Expression> delete = deleteNode.flatMap(node -> file.expression(
                node, "a table's 'delete' must be a CEL condition", "delete: type == \"shop.customer.deleted\""));
        boolean partsRead = (modeNode.isEmpty() || mode.isPresent())
                && (whenNode.isEmpty() || when.isPresent())
                && (deleteNode.isEmpty() || delete.isPresent());
        if (name.isEmpty() || key.isEmpty() || !partsRead) {
            return Optional.empty();
        }
        return Optional.of(new Destination.ToTable(
                name.get(),
                key.get(),
                set,
                mode.orElse(TableMode.defaultFor(!set.isEmpty())),
                when.orElse(null),
                delete.orElse(null),
                file.at(item)));
    }

    private Optional<TableMode> mode(Node node) {
        String expected = "a table's 'mode' must be one of " + String.join(", ", MODES);
        Optional<String> text = file.text(node, expected, "mode: replace");
        Optional<TableMode> mode = text.flatMap(written -> Arrays.stream(TableMode.values())
                .filter(candidate -> candidate.yamlName().equals(written.strip()))
                .findFirst());
        if (text.isPresent() && mode.isEmpty()) {
            file.problem(
                    node,
                    expected + " (merge keeps the old row's fields that the update does not write, replace drops"
                            + " them), found '" + text.get() + "'" + NameSuggestion.didYouMean(text.get(), MODES));
        }
        return mode;
    }

    private List<FieldAssignment> set(Node value) {
        List<FieldAssignment> assignments = new ArrayList<>();
        Optional<MappingNode> map = file.map(
                value,
                "a table's 'set' must be a map from row field to CEL expression",
                "set: { count: \"(has(row.count) ? row.count : 0) + 1\" }");
        for (NodeTuple tuple : map.map(MappingNode::getValue).orElse(List.of())) {
            Optional<String> written = file.text(tuple.getKeyNode(), "a row field must be a name", "revenue");
            Optional<String> field = written.filter(text -> validField(tuple.getKeyNode(), text));
            Optional<Expression> expression = file.expression(
                    tuple.getValueNode(),
                    "row field '" + written.orElse("?") + "' needs a CEL expression for its value",
                    "data.amount");
            if (field.isPresent() && expression.isPresent()) {
                assignments.add(new FieldAssignment(field.get(), expression.get()));
            }
        }
        return assignments;
    }

    private boolean validName(Node node, String name) {
        Optional<String> problem = Names.check("table name", name, "revenue");
        if (problem.isEmpty() && name.startsWith(Names.RESERVED_PREFIX)) {
            problem = Optional.of("table name '" + name + "' is reserved: names starting with '" + Names.RESERVED_PREFIX
                    + "' belong to Flows' own state (keyed state, checkpoints); choose another name");
        }
        problem.ifPresent(message -> file.problem(node, message));
        return problem.isEmpty();
    }

    private boolean validField(Node node, String field) {
        if (FIELD.matcher(field).matches()) {
            return true;
        }
        file.problem(
                node,
                "row field '" + field + "' is not a valid name; use letters, digits and '_', starting"
                        + " with a letter or '_', so that row.<field> can read it back");
        return false;
    }
}
