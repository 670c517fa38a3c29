package dev.flows.engine.definition;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a {@code route} step: a list of cases, each {@code when} (a CEL condition) and {@code to} (where
 * matching events go), tried in order; the last item may instead be {@code otherwise}, where the events that
 * no case matches go (a list of destinations, or a single one, like {@code to}):
 *
 * <pre>
 * - route:
 *     - when: data.total > 500.0
 *       to: [{ channel: big-orders }]
 *     - otherwise: [{ channel: small-orders }]
 * </pre>
 *
 * Without {@code otherwise}, unmatched events go on to the next step. Not thread-safe.
 */
final class RouteReader {

    private static final String CASE_EXAMPLE = "- when: data.amount > 500.0";

    private final YamlFile file;
    private final DestinationReader destinations;

    RouteReader(YamlFile file, DestinationReader destinations) {
        this.file = file;
        this.destinations = destinations;
    }

    Optional<Step> read(Node value, OnError onError, SourceLocation where) {
        Optional<SequenceNode> list =
                file.list(value, "'route' must be a list of cases, each with when and to", CASE_EXAMPLE);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        List<Node> items = list.get().getValue();
        if (items.isEmpty()) {
            file.problem(
                    value,
                    "a route needs at least one case, e.g. - when: data.amount > 500.0"
                            + " with to: [{channel: big-orders}]");
            return Optional.empty();
        }
        List<RouteCase> cases = new ArrayList<>();
        List<Destination> otherwise = List.of();
        for (int index = 0; index < items.size(); index++) {
            Node item = items.get(index);
            Optional<MapFields> fields = file.map(item, "a route case must be a map with when and to", CASE_EXAMPLE)
                    .map(map -> MapFields.read(file, map, MapShape.ROUTE_CASE));
            if (fields.isPresent() && fields.get().value("otherwise").isPresent()) {
                otherwise = otherwise(fields.get(), index, items.size());
            } else {
                fields.flatMap(this::routeCase).ifPresent(cases::add);
            }
        }
        return Optional.of(new Step.Route(cases, otherwise, onError, where));
    }

    private Optional<RouteCase> routeCase(MapFields fields) {
        Optional<Expression> when = fields.required(
                        "when", "a route case needs 'when', a CEL condition, e.g." + " when: data.amount > 500.0")
                .flatMap(node -> file.expression(node, "'when' must be a CEL condition", "when: data.amount > 500.0"));
        Optional<List<Destination>> to = fields.required(
                        "to",
                        "a route case needs 'to', where matching events go," + " e.g. to: [{channel: big-orders}]")
                .flatMap(this::caseDestinations);
        return when.isPresent() && to.isPresent() ? Optional.of(new RouteCase(when.get(), to.get())) : Optional.empty();
    }

    private Optional<List<Destination>> caseDestinations(Node node) {
        List<Destination> to = destinations.list(node, "a route case's 'to'");
        if (empty(node)) {
            file.problem(node, "a route case needs at least one destination in 'to', e.g. to: [{channel: big-orders}]");
            return Optional.empty();
        }
        return Optional.of(to);
    }

    private List<Destination> otherwise(MapFields fields, int index, int items) {
        Node value = fields.value("otherwise").orElseThrow();
        List<Destination> to = destinations.list(value, "a route's 'otherwise'");
        MappingNode item = fields.node();
        if (fields.value("when").isPresent() || fields.value("to").isPresent()) {
            file.problem(
                    item,
                    "'otherwise' stands alone in the last item of a route, without when or to; make the case its"
                            + " own item, e.g. - otherwise: [{channel: other-orders}]");
        } else if (index < items - 1) {
            file.problem(
                    item,
                    "'otherwise' must be the last item of a route: the cases after it could never match; move it"
                            + " to the end");
        } else if (index == 0) {
            file.problem(
                    item,
                    "a route needs at least one case before 'otherwise', e.g. - when: data.amount > 500.0 with to:"
                            + " [{channel: big-orders}]; to send every event somewhere, use the flow's to instead");
        } else if (empty(value)) {
            file.problem(
                    value, "'otherwise' needs at least one destination, e.g. otherwise: [{channel: other-orders}]");
        }
        return to;
    }

    /** Whether a {@code to} value names no destination at all. */
    private static boolean empty(Node node) {
        return YamlFile.isNull(node)
                || (node instanceof SequenceNode list && list.getValue().isEmpty());
    }
}
