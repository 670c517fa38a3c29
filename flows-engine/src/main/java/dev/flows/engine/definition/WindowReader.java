package dev.flows.engine.definition;

import dev.flows.api.flow.Aggregate;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.api.flow.WindowShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a {@code window} step:
 *
 * <pre>
 * - window:
 *     tumbling: 60s                 # or  hopping: { size: 60s, advance: 10s }  or  session: { gap: 30m }
 *     by: { item: data.item }       # optional ordered map from result field to CEL; none for one global window
 *     aggregate:                    # ordered map from result field to function(expression)
 *       count: count()
 *       revenue: sum(data.price * double(data.qty))
 *     emit: final                   # or changes; default final
 *     grace: 0s                     # default 0s
 *     late: late-events             # optional channel for events after their windows closed
 *     type: shop.item.minute        # optional; default "&lt;flow name&gt;.window"
 * </pre>
 *
 * The functions are those of {@link Aggregate.Function}, by their YAML names. Not thread-safe.
 */
final class WindowReader {

    private static final String EXAMPLE = "window: { tumbling: 1m, aggregate: { count: count() } }";
    private static final List<String> SHAPES = List.of("tumbling", "hopping", "session");

    private final YamlFile file;
    private final Scalars scalars;
    private final AggregateText aggregateText;

    WindowReader(YamlFile file) {
        this.file = file;
        this.scalars = new Scalars(file);
        this.aggregateText = new AggregateText(file);
    }

    Optional<Step> read(Node value, String flowName, OnError onError, SourceLocation where) {
        Optional<MappingNode> map =
                file.map(value, "'window' must be a map with tumbling, hopping or session, and aggregate", EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.WINDOW);
        Optional<WindowShape> shape = fields.onlyOneOf(SHAPES, EXAMPLE, "keep one")
                .flatMap(kind -> shape(kind, fields.value(kind).orElseThrow()));
        Optional<List<FieldAssignment>> by = fields.value("by").map(this::by).orElse(Optional.of(List.of()));
        Optional<List<Aggregate>> aggregates = fields.required(
                        "aggregate",
                        "a window step needs 'aggregate', the results it computes, e.g. aggregate: { count: count() }")
                .flatMap(this::aggregates);
        Optional<Step.EmitMode> emit = fields.value("emit").map(this::emit).orElse(Optional.of(Step.EmitMode.FINAL));
        Optional<Duration> grace = fields.value("grace")
                .map(node -> scalars.duration(node, "grace"))
                .orElse(Optional.of(Duration.ZERO));
        Optional<Node> lateNode = fields.value("late");
        Optional<String> late = lateNode.flatMap(node -> scalars.channel(node, "late", "late-events"));
        Optional<Node> typeNode = fields.value("type");
        Optional<String> type = typeNode.map(
                        node -> file.text(node, "a window's 'type' must be an event type", "type: shop.item.minute"))
                .orElse(Optional.of(flowName + ".window"));
        if (shape.isEmpty()
                || by.isEmpty()
                || aggregates.isEmpty()
                || emit.isEmpty()
                || grace.isEmpty()
                || lateNode.isPresent() && late.isEmpty()
                || type.isEmpty()) {
            return Optional.empty();
        }
        Step window = new Step.Window(
                shape.get(),
                by.get(),
                aggregates.get(),
                emit.get(),
                grace.get(),
                late.orElse(null),
                type.get(),
                onError,
                where);
        lateNode.ifPresent(node -> file.reference(window, ReferenceLocations.Part.LATE, node));
        typeNode.ifPresent(node -> file.reference(window, ReferenceLocations.Part.TYPE, node));
        return Optional.of(window);
    }

    private Optional<WindowShape> shape(String kind, Node node) {
        return switch (kind) {
            case "tumbling" -> scalars.positiveDuration(node, "tumbling").map(WindowShape.Tumbling::new);
            case "hopping" -> hopping(node);
            default -> session(node);
        };
    }

    private Optional<WindowShape> hopping(Node node) {
        Optional<MapFields> fields = file.map(
                        node, "'hopping' must be a map with size and advance", "hopping: { size: 60s, advance: 10s }")
                .map(map -> MapFields.read(file, map, MapShape.HOPPING));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Optional<Node> sizeNode =
                fields.get().required("size", "a hopping window needs 'size', how long each window is, e.g. size: 60s");
        Optional<Duration> size = sizeNode.flatMap(value -> scalars.positiveDuration(value, "size"));
        Optional<Node> advanceNode = fields.get()
                .required("advance", "a hopping window needs 'advance', how often a window starts, e.g. advance: 10s");
        Optional<Duration> advance = advanceNode.flatMap(value -> scalars.positiveDuration(value, "advance"));
        if (size.isEmpty() || advance.isEmpty()) {
            return Optional.empty();
        }
        if (advance.get().compareTo(size.get()) > 0) {
            file.problem(
                    advanceNode.orElseThrow(),
                    "a hopping window's advance (" + written(advanceNode.get()) + ") is longer than its size ("
                            + written(sizeNode.get()) + "), which would leave events out of every window; make"
                            + " advance at most size, e.g. size: 60s, advance: 10s");
            return Optional.empty();
        }
        return Optional.of(new WindowShape.Hopping(size.get(), advance.get()));
    }

    private Optional<WindowShape> session(Node node) {
        return file.map(node, "'session' must be a map with gap", "session: { gap: 30m }")
                .map(map -> MapFields.read(file, map, MapShape.SESSION))
                .flatMap(fields -> fields.required(
                        "gap", "a session window needs 'gap', the silence that ends a session, e.g. gap: 30m"))
                .flatMap(value -> scalars.positiveDuration(value, "gap"))
                .map(WindowShape.Session::new);
    }

    private Optional<List<FieldAssignment>> by(Node node) {
        if (YamlFile.isNull(node)) {
            return Optional.of(List.of());
        }
        Optional<MappingNode> map =
                file.map(node, "'by' must be a map from result field to CEL expression", "by: { item: data.item }");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        List<FieldAssignment> keys = new ArrayList<>();
        boolean valid = true;
        for (NodeTuple tuple : map.get().getValue()) {
            Optional<String> name = file.text(tuple.getKeyNode(), "a field of 'by' must be a name", "item");
            Optional<Expression> value = file.expression(
                    tuple.getValueNode(),
                    "field '" + name.orElse("?") + "' of 'by' needs a CEL expression for its value",
                    "data.item");
            if (name.isPresent() && value.isPresent()) {
                FieldAssignment key = new FieldAssignment(name.get(), value.get());
                file.reference(key, ReferenceLocations.Part.NAME, tuple.getKeyNode());
                keys.add(key);
            } else {
                valid = false;
            }
        }
        return valid ? Optional.of(keys) : Optional.empty();
    }

    private Optional<List<Aggregate>> aggregates(Node node) {
        String example = "aggregate: { count: count(), revenue: sum(data.amount) }";
        Optional<MappingNode> map =
                file.map(node, "'aggregate' must be a map from result field to function(expression)", example);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        if (map.get().getValue().isEmpty()) {
            file.problem(node, "'aggregate' needs at least one result, e.g. " + example);
            return Optional.empty();
        }
        List<Aggregate> aggregates = new ArrayList<>();
        boolean valid = true;
        for (NodeTuple tuple : map.get().getValue()) {
            Optional<String> name = file.text(tuple.getKeyNode(), "an aggregate's name must be a name", "count");
            Optional<Aggregate> aggregate = file.expression(
                            tuple.getValueNode(),
                            "aggregate '" + name.orElse("?") + "' must be function(expression)",
                            "sum(data.amount)")
                    .flatMap(call -> name.flatMap(text -> aggregateText.read(text, call)));
            aggregate.ifPresent(result -> {
                file.reference(result, ReferenceLocations.Part.NAME, tuple.getKeyNode());
                aggregates.add(result);
            });
            valid &= aggregate.isPresent();
        }
        return valid ? Optional.of(aggregates) : Optional.empty();
    }

    private Optional<Step.EmitMode> emit(Node node) {
        String expected = "a window's 'emit' must be final or changes";
        Optional<String> text = file.text(node, expected, "emit: final");
        for (Step.EmitMode mode : Step.EmitMode.values()) {
            if (text.filter(written -> written.strip().equals(mode.name().toLowerCase(Locale.ROOT)))
                    .isPresent()) {
                return Optional.of(mode);
            }
        }
        text.ifPresent(written -> file.problem(
                node,
                expected + " (final: once when the window closes; changes:"
                        + " after every event that changes it), found '" + written + "'"));
        return Optional.empty();
    }

    /** A scalar as written (durations that parsed are scalars), for messages. */
    private static String written(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue().strip() : "?";
    }
}
