package dev.flows.engine.definition;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one item of a flow's {@code steps}: a map with exactly one of {@code filter} (a CEL condition),
 * {@code set} (an ordered map from field path to CEL) or {@code route} (a list of cases, each {@code when}
 * and {@code to}). Each step is located where its map starts. Not thread-safe.
 */
final class StepReader {

    private static final String EXAMPLE = "- filter: type == \"shop.order.placed\"";

    private final YamlFile file;
    private final DestinationReader destinations;

    StepReader(YamlFile file, DestinationReader destinations) {
        this.file = file;
        this.destinations = destinations;
    }

    Optional<Step> read(Node item) {
        Optional<MappingNode> map = file.map(item, "a step must be a map with one of filter, set, route", EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.STEP);
        return fields.onlyKey(EXAMPLE).flatMap(kind -> {
            Node value = fields.value(kind).orElseThrow();
            return switch (kind) {
                case "filter" -> filter(value).map(condition -> new Step.Filter(condition, file.at(item)));
                case "set" -> set(value).map(assignments -> new Step.Set(assignments, file.at(item)));
                default -> route(value).map(cases -> new Step.Route(cases, file.at(item)));
            };
        });
    }

    private Optional<Expression> filter(Node value) {
        return file.expression(value, "'filter' must be a CEL condition", "filter: type == \"shop.order.placed\"");
    }

    private Optional<List<FieldAssignment>> set(Node value) {
        Optional<MappingNode> map = file.map(
                value, "'set' must be a map from field to CEL expression", "set: { data.total: data.price * 2.0 }");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        if (map.get().getValue().isEmpty()) {
            file.problem(value, "'set' needs at least one field, e.g. data.total: data.price * 2.0");
            return Optional.empty();
        }
        return Optional.of(assignments(map.get()));
    }

    /** Field assignments of a set step; field paths are checked against {@link FieldPaths}. */
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

    private Optional<List<RouteCase>> route(Node value) {
        Optional<SequenceNode> list = file.list(
                value, "'route' must be a list of cases, each with when and to", "- when: data.amount > 500.0");
        if (list.isEmpty()) {
            return Optional.empty();
        }
        if (list.get().getValue().isEmpty()) {
            file.problem(
                    value,
                    "a route needs at least one case, e.g. - when: data.amount > 500.0"
                            + " with to: [{channel: big-orders}]");
            return Optional.empty();
        }
        List<RouteCase> cases = new ArrayList<>();
        for (Node item : list.get().getValue()) {
            routeCase(item).ifPresent(cases::add);
        }
        return Optional.of(cases);
    }

    private Optional<RouteCase> routeCase(Node item) {
        Optional<MappingNode> map =
                file.map(item, "a route case must be a map with when and to", "- when: data.amount > 500.0");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.ROUTE_CASE);
        Optional<Expression> when = fields.required(
                        "when", "a route case needs 'when', a CEL condition, e.g." + " when: data.amount > 500.0")
                .flatMap(node -> file.expression(node, "'when' must be a CEL condition", "when: data.amount > 500.0"));
        Optional<List<Destination>> to = fields.required(
                        "to",
                        "a route case needs 'to', where matching events go," + " e.g. to: [{channel: big-orders}]")
                .flatMap(node -> caseDestinations(node));
        return when.isPresent() && to.isPresent() ? Optional.of(new RouteCase(when.get(), to.get())) : Optional.empty();
    }

    private Optional<List<Destination>> caseDestinations(Node node) {
        List<Destination> to = destinations.list(node, "a route case's 'to'");
        if (YamlFile.isNull(node)
                || (node instanceof SequenceNode list && list.getValue().isEmpty())) {
            file.problem(node, "a route case needs at least one destination in 'to', e.g. to: [{channel: big-orders}]");
            return Optional.empty();
        }
        return Optional.of(to);
    }
}
