package dev.flows.engine.definition;

import dev.flows.api.flow.Emit;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a {@code join} step:
 *
 * <pre>
 * - join:
 *     channel: payments                    # the other channel
 *     key: data.order                      # CEL over the flow's events
 *     other-key: data.order                # optional CEL over the other channel's events; default the same text
 *     within: { before: 0s, after: 30m }   # or one duration d for before = after = d; a side left out is 0s
 *     as: payment                          # optional; the other event's name in emit; default "other"
 *     emit: { type: order.paid, set: { data.paid: payment.data.amount } }   # optional
 *     late: late-events                    # optional channel for events after their pairs could still form
 * </pre>
 *
 * Whether the channels exist and {@code as} can name a variable is {@link FlowValidator}'s check. Not
 * thread-safe.
 */
final class JoinReader {

    /** What the other event is called when {@code as} is left out. */
    static final String DEFAULT_AS = "other";

    private static final String EXAMPLE = "join: { channel: payments, key: data.order, within: 30m }";
    private static final String WITHIN_EXAMPLE = "within: { before: 0s, after: 30m }";

    private final YamlFile file;
    private final Scalars scalars;
    private final EmitReader emits;

    JoinReader(YamlFile file) {
        this.file = file;
        this.scalars = new Scalars(file);
        this.emits = new EmitReader(file);
    }

    Optional<Step> read(Node value, OnError onError, SourceLocation where) {
        Optional<MappingNode> map = file.map(value, "'join' must be a map with channel, key and within", EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.JOIN);
        Optional<Node> channelNode = fields.required(
                "channel",
                "a join step needs 'channel', the channel whose events it pairs with, e.g. channel: payments");
        Optional<String> channel = channelNode.flatMap(node -> scalars.channel(node, "channel", "payments"));
        Optional<Expression> key = fields.required(
                        "key",
                        "a join step needs 'key', a CEL expression giving the key events pair on, e.g. key:"
                                + " data.order")
                .flatMap(node -> expression(node, "key"));
        Optional<Node> otherKeyNode = fields.value("other-key");
        Optional<Expression> otherKey = otherKeyNode.flatMap(node -> expression(node, "other-key"));
        Optional<List<Duration>> within = fields.required(
                        "within",
                        "a join step needs 'within', how far apart in event time paired events may be, e.g. "
                                + WITHIN_EXAMPLE)
                .flatMap(this::within);
        Optional<Node> asNode = fields.value("as");
        Optional<String> as = asNode.flatMap(
                node -> file.text(node, "a join's 'as' must be a name for the other event", "as: payment"));
        Optional<Node> emitNode = fields.value("emit");
        Optional<Emit> emit = emitNode.flatMap(
                node -> emits.read(node, "emit: { type: order.paid, set: { data.paid: other.data.amount } }"));
        Optional<Node> lateNode = fields.value("late");
        Optional<String> late = lateNode.flatMap(node -> scalars.channel(node, "late", "late-events"));
        if (channel.isEmpty()
                || key.isEmpty()
                || otherKeyNode.isPresent() && otherKey.isEmpty()
                || within.isEmpty()
                || asNode.isPresent() && as.isEmpty()
                || emitNode.isPresent() && emit.isEmpty()
                || lateNode.isPresent() && late.isEmpty()) {
            return Optional.empty();
        }
        Step join = new Step.Join(
                channel.get(),
                key.get(),
                otherKey.orElse(key.get()),
                within.get().get(0),
                within.get().get(1),
                as.orElse(DEFAULT_AS),
                emit.orElse(null),
                late.orElse(null),
                onError,
                where);
        file.reference(join, ReferenceLocations.Part.CHANNEL, channelNode.orElseThrow());
        asNode.ifPresent(node -> file.reference(join, ReferenceLocations.Part.AS, node));
        lateNode.ifPresent(node -> file.reference(join, ReferenceLocations.Part.LATE, node));
        return Optional.of(join);
    }

    private Optional<Expression> expression(Node node, String key) {
        return file.expression(node, "a join's '" + key + "' must be a CEL expression", key + ": data.order");
    }

    /** Before and after, in that order. */
    private Optional<List<Duration>> within(Node node) {
        if (!(node instanceof MappingNode map)) {
            return scalars.positiveDuration(node, "within").map(both -> List.of(both, both));
        }
        MapFields fields = MapFields.read(file, map, MapShape.JOIN_WITHIN);
        if (fields.node().getValue().isEmpty()) {
            file.problem(node, "a join's 'within' needs before, after or both, e.g. " + WITHIN_EXAMPLE);
            return Optional.empty();
        }
        Optional<Node> beforeNode = fields.value("before");
        Optional<Node> afterNode = fields.value("after");
        Optional<Duration> before = beforeNode.flatMap(value -> scalars.duration(value, "before"));
        Optional<Duration> after = afterNode.flatMap(value -> scalars.duration(value, "after"));
        if (beforeNode.isPresent() && before.isEmpty() || afterNode.isPresent() && after.isEmpty()) {
            return Optional.empty();
        }
        if (fields.hadUnknownKeys()) {
            return Optional.empty();
        }
        Duration earlier = before.orElse(Duration.ZERO);
        Duration later = after.orElse(Duration.ZERO);
        if (earlier.isZero() && later.isZero()) {
            file.problem(
                    node,
                    "a join's 'within' is 0s before and after, so only events of the very same instant would pair;"
                            + " give at least one side a length, e.g. " + WITHIN_EXAMPLE);
            return Optional.empty();
        }
        return Optional.of(List.of(earlier, later));
    }
}
