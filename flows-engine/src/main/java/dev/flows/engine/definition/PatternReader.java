package dev.flows.engine.definition;

import dev.flows.api.flow.Emit;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.PatternStage;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a {@code pattern} step:
 *
 * <pre>
 * - pattern:
 *     key: data.order                          # CEL; events are matched per key
 *     sequence:                                # the stages, in order
 *       - name: checkout                       # names the matched event in emit: checkout.data.order
 *         when: type == "shop.checkout.start"  # CEL condition
 *       - name: fail
 *         when: type == "shop.payment.failed"
 *         times: 3                             # optional, default 1
 *       - name: placed
 *         when: type == "shop.order.placed"
 *         absent: true                         # optional: "not followed by"; the last stage only
 *     within: 30m                              # from the first matched event
 *     emit: { type: shop.checkout.abandoned, set: { data.order: checkout.data.order } }
 *     late: late-events                        # optional channel for events behind the watermark
 * </pre>
 *
 * Which stages may be absent and which names the stages may have is {@link FlowValidator}'s check, so that
 * flows built in Java get it too. Not thread-safe.
 */
final class PatternReader {

    /** How many events one stage may count; each is kept until the stage completes. */
    static final int MAX_TIMES = 1000;

    private static final String EXAMPLE = "pattern: { key: data.order, sequence: [...], within: 30m, emit: {...} }";
    private static final String STAGE_EXAMPLE = "- name: checkout";

    private final YamlFile file;
    private final Scalars scalars;
    private final EmitReader emits;

    PatternReader(YamlFile file) {
        this.file = file;
        this.scalars = new Scalars(file);
        this.emits = new EmitReader(file);
    }

    Optional<Step> read(Node value, OnError onError, SourceLocation where) {
        Optional<MappingNode> map =
                file.map(value, "'pattern' must be a map with key, sequence, within and emit", EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.PATTERN);
        Optional<Expression> key = fields.required(
                        "key",
                        "a pattern step needs 'key', a CEL expression giving the key events are matched by,"
                                + " e.g. key: data.order")
                .flatMap(
                        node -> file.expression(node, "a pattern's 'key' must be a CEL expression", "key: data.order"));
        Optional<Node> sequenceNode = fields.required(
                "sequence",
                "a pattern step needs 'sequence', the stages to match in order, e.g. sequence: [{name:"
                        + " checkout, when: type == \"shop.checkout.start\"}]");
        Optional<List<PatternStage>> stages = sequenceNode.flatMap(this::stages);
        Optional<Duration> within = fields.required(
                        "within",
                        "a pattern step needs 'within', how long after its first event a match may take,"
                                + " e.g. within: 30m")
                .flatMap(node -> scalars.positiveDuration(node, "within"));
        Optional<Emit> emit = fields.required(
                        "emit",
                        "a pattern step needs 'emit', the event a match emits, e.g. emit: { type:"
                                + " shop.checkout.abandoned }")
                .flatMap(node -> emits.read(
                        node, "emit: { type: shop.checkout.abandoned, set: { data.order: checkout.data.order } }"));
        Optional<Node> lateNode = fields.value("late");
        Optional<String> late = lateNode.flatMap(node -> scalars.channel(node, "late", "late-events"));
        if (key.isEmpty()
                || stages.isEmpty()
                || within.isEmpty()
                || emit.isEmpty()
                || lateNode.isPresent() && late.isEmpty()) {
            return Optional.empty();
        }
        Step pattern =
                new Step.Pattern(key.get(), stages.get(), within.get(), emit.get(), late.orElse(null), onError, where);
        file.reference(pattern, ReferenceLocations.Part.STAGES, sequenceNode.orElseThrow());
        lateNode.ifPresent(node -> file.reference(pattern, ReferenceLocations.Part.LATE, node));
        return Optional.of(pattern);
    }

    private Optional<List<PatternStage>> stages(Node node) {
        Optional<SequenceNode> list =
                file.list(node, "'sequence' must be a list of stages, each starting with '- '", STAGE_EXAMPLE);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        List<PatternStage> stages = new ArrayList<>();
        boolean valid = true;
        for (Node item : list.get().getValue()) {
            Optional<PatternStage> stage = stage(item);
            stage.ifPresent(stages::add);
            valid &= stage.isPresent();
        }
        return valid ? Optional.of(stages) : Optional.empty();
    }

    private Optional<PatternStage> stage(Node item) {
        Optional<MappingNode> map = file.map(item, "a pattern stage must be a map with name and when", STAGE_EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.STAGE);
        Optional<Node> nameNode = fields.required(
                "name", "a pattern stage needs 'name', which emit uses to read its event, e.g. name: checkout");
        Optional<String> name =
                nameNode.flatMap(node -> file.text(node, "a stage's 'name' must be a name", "name: checkout"));
        Optional<Expression> when = fields.required(
                        "when",
                        "a pattern stage needs 'when', a CEL condition its events meet, e.g. when: type =="
                                + " \"shop.checkout.start\"")
                .flatMap(node ->
                        file.expression(node, "a stage's 'when' must be a CEL condition", "when: type == \"a\""));
        Optional<Node> timesNode = fields.value("times");
        Optional<Long> times = timesNode.flatMap(node -> scalars.wholeNumber(node, "times", 1, MAX_TIMES, "times: 3"));
        Optional<Node> absentNode = fields.value("absent");
        Optional<Boolean> absent = absentNode.flatMap(node -> scalars.bool(node, "absent"));
        if (name.isEmpty()
                || when.isEmpty()
                || timesNode.isPresent() && times.isEmpty()
                || absentNode.isPresent() && absent.isEmpty()) {
            return Optional.empty();
        }
        if (absent.orElse(false) && times.orElse(1L) != 1) {
            file.problem(
                    timesNode.orElseThrow(),
                    "stage '" + name.get() + "' is absent, so it matches no event and cannot count them (times: "
                            + times.get() + "); remove times, or absent");
            return Optional.empty();
        }
        PatternStage stage =
                new PatternStage(name.get(), when.get(), times.orElse(1L).intValue(), absent.orElse(false));
        file.reference(stage, ReferenceLocations.Part.NAME, nameNode.orElseThrow());
        absentNode.ifPresent(node -> file.reference(stage, ReferenceLocations.Part.ABSENT, node));
        return Optional.of(stage);
    }
}
