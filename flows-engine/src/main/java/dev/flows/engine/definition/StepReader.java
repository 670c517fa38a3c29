package dev.flows.engine.definition;

import dev.flows.api.flow.Expression;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.engine.expression.NameSuggestion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one item of a flow's {@code steps}: a map with exactly one kind key and, next to it, an optional
 * {@code on-error: fail | skip | dead-letter} (default dead-letter).
 *
 * <pre>
 * - filter: type == "shop.cart.add"             # CEL condition
 *   on-error: skip
 * - set: { data.total: data.price * 2.0 }        # ordered map from field path to CEL
 * - remove: [data.card, data.cvv]                # data fields or extensions; a single one may be a string
 * - mapping: '{ "user": subject }'               # JSONata over the event, replacing data
 * - enrich: { file: regions.json, key: data.country, into: data.region, default: '"OTHER"' }
 * - route:                                       # cases, each when and to, tried in order
 *     - when: data.total > 500.0
 *       to: [{ channel: big-orders }]
 *     - otherwise: [{ channel: small-orders }]  # optional, last: where events no case matches go
 * - split: data.lines                            # CEL giving a list
 * - dedupe: { key: data.id, within: 10m }
 * - window: ...                                  # see WindowReader
 * - join: ...                                    # see JoinReader
 * - pattern: ...                                 # see PatternReader
 * </pre>
 *
 * Each step is located where its map starts. A step with a problem is reported and left out. Not
 * thread-safe.
 */
final class StepReader {

    /** The kinds of step, in the order messages list them. */
    static final List<String> KINDS = List.of(
            "filter", "set", "remove", "mapping", "enrich", "route", "split", "dedupe", "window", "join", "pattern");

    private static final String EXAMPLE = "- filter: type == \"shop.order.placed\"";
    private static final List<String> ON_ERROR =
            Arrays.stream(OnError.values()).map(OnError::yamlName).toList();

    private final YamlFile file;
    private final Scalars scalars;
    private final AssignmentReader assignments;
    private final RouteReader routes;
    private final EnrichReader enrichments;
    private final WindowReader windows;
    private final JoinReader joins;
    private final PatternReader patterns;

    StepReader(YamlFile file, DestinationReader destinations) {
        this.file = file;
        this.scalars = new Scalars(file);
        this.assignments = new AssignmentReader(file);
        this.routes = new RouteReader(file, destinations);
        this.enrichments = new EnrichReader(file);
        this.windows = new WindowReader(file);
        this.joins = new JoinReader(file);
        this.patterns = new PatternReader(file);
    }

    /**
     * @param flowName the flow's name, which a window's results are typed after by default
     */
    Optional<Step> read(Node item, String flowName) {
        Optional<MappingNode> map =
                file.map(item, "a step must be a map with one of " + String.join(", ", KINDS), EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.STEP);
        Optional<Node> onErrorNode = fields.value("on-error");
        Optional<OnError> onError = onErrorNode.flatMap(this::onError);
        Optional<String> kind = fields.onlyOneOf(KINDS, EXAMPLE, MapFields.EACH_ITS_OWN_ITEM);
        if (onErrorNode.isPresent() && onError.isEmpty()) {
            return Optional.empty();
        }
        SourceLocation where = file.at(item);
        OnError then = onError.orElse(OnError.DEAD_LETTER);
        return kind.flatMap(name -> build(item, name, fields.value(name).orElseThrow(), flowName, then, where));
    }

    private Optional<Step> build(
            Node item, String kind, Node value, String flowName, OnError then, SourceLocation where) {
        try {
            return switch (kind) {
                case "filter" -> filter(value).map(condition -> new Step.Filter(condition, then, where));
                case "set" -> assignments.step(value).map(set -> new Step.Set(set, then, where));
                case "remove" -> remove(value).map(paths -> new Step.Remove(paths, then, where));
                case "mapping" -> mapping(value, then, where);
                case "enrich" -> enrichments.read(value, then, where);
                case "route" -> routes.read(value, then, where);
                case "split" -> split(value).map(items -> new Step.Split(items, then, where));
                case "dedupe" -> dedupe(value, then, where);
                case "window" -> windows.read(value, flowName, then, where);
                case "join" -> joins.read(value, then, where);
                default -> patterns.read(value, then, where);
            };
        } catch (IllegalArgumentException e) {
            // The readers check every rule of the model's records first, to point at the offending value; this
            // only keeps a rule the records gain later from escaping the parser, which must never throw.
            file.problem(item, "this " + kind + " step cannot be built: " + e.getMessage() + "; correct it");
            return Optional.empty();
        }
    }

    private Optional<OnError> onError(Node node) {
        String expected = "'on-error' must be one of " + String.join(", ", ON_ERROR);
        Optional<String> text = file.text(node, expected, "on-error: skip");
        Optional<OnError> onError = text.flatMap(written -> Arrays.stream(OnError.values())
                .filter(candidate -> candidate.yamlName().equals(written.strip()))
                .findFirst());
        if (text.isPresent() && onError.isEmpty()) {
            file.problem(
                    node,
                    expected + " (fail stops the flow at the event, skip drops the event, dead-letter sends it to the"
                            + " dead-letter channel), found '" + text.get() + "'"
                            + NameSuggestion.didYouMean(text.get(), ON_ERROR));
        }
        return onError;
    }

    private Optional<Expression> filter(Node value) {
        return file.expression(value, "'filter' must be a CEL condition", "filter: type == \"shop.order.placed\"");
    }

    private Optional<List<String>> remove(Node value) {
        String example = "remove: [data.card, data.cvv]";
        if (value instanceof ScalarNode) {
            return file.text(value, "'remove' must be a field path or a list of them", example)
                    .filter(path -> removable(value, path))
                    .map(List::of);
        }
        Optional<SequenceNode> list = file.list(value, "'remove' must be a field path or a list of them", example);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        if (list.get().getValue().isEmpty()) {
            file.problem(value, "'remove' needs at least one field path, e.g. " + example);
            return Optional.empty();
        }
        List<String> paths = new ArrayList<>();
        boolean valid = true;
        for (Node item : list.get().getValue()) {
            Optional<String> path = file.text(item, "an item of 'remove' must be a field path", "- data.card")
                    .filter(text -> removable(item, text));
            path.ifPresent(paths::add);
            valid &= path.isPresent();
        }
        return valid ? Optional.of(paths) : Optional.empty();
    }

    private boolean removable(Node node, String path) {
        Optional<String> problem = FieldPaths.checkDataOrExtension(path, "remove", "data.card");
        problem.ifPresent(message -> file.problem(node, message));
        return problem.isEmpty();
    }

    private Optional<Step> mapping(Node value, OnError onError, SourceLocation where) {
        Optional<Expression> text = file.expression(
                value,
                "'mapping' must be a JSONata expression",
                "mapping: '{ \"user\": subject, \"amount\": data.amount }'");
        return text.map(jsonata -> {
            Step mapping = new Step.Mapping(jsonata.text(), onError, where);
            file.references().put(mapping, ReferenceLocations.Part.JSONATA, jsonata.location());
            return mapping;
        });
    }

    private Optional<Expression> split(Node value) {
        return file.expression(value, "'split' must be a CEL expression giving a list", "split: data.lines");
    }

    private Optional<Step> dedupe(Node value, OnError onError, SourceLocation where) {
        String example = "dedupe: { key: data.id, within: 10m }";
        Optional<MappingNode> map = file.map(value, "'dedupe' must be a map with key and within", example);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.DEDUPE);
        Optional<Expression> key = fields.required(
                        "key", "a dedupe step needs 'key', a CEL expression telling events apart, e.g. key: data.id")
                .flatMap(node -> file.expression(node, "a dedupe's 'key' must be a CEL expression", "key: data.id"));
        Optional<Duration> within = fields.required(
                        "within",
                        "a dedupe step needs 'within', how long (in event time) a key is remembered, e.g."
                                + " within: 10m")
                .flatMap(node -> scalars.positiveDuration(node, "within"));
        if (key.isEmpty() || within.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Step.Dedupe(key.get(), within.get(), onError, where));
    }
}
