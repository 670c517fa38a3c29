package dev.flows.engine.definition;

import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.workflow.Timer;
import dev.flows.api.workflow.Transition;
import dev.flows.api.workflow.Workflow;
import dev.flows.api.workflow.WorkflowStart;
import dev.flows.api.workflow.WorkflowState;
import dev.flows.api.workflow.WorkflowStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a {@code workflow:} document: {@code workflow} (the name), {@code from} (a channel or a list of them),
 * {@code key} (CEL), {@code start} ({@code on} an event type, optional {@code when}), {@code initial}, {@code
 * states} (a map from state name to {@code on}, {@code after}, {@code entry} and {@code terminal}) and optional
 * {@code on-failure}. Everything is read even when something is wrong, so one pass reports every problem;
 * cross-state checks (targets, reachability) are {@link WorkflowChecks}'. Not thread-safe.
 */
final class WorkflowReader {

    private static final String STATE_EXAMPLE = "placed: { on: [{ event: shop.payment.succeeded, goto: paid }] }";

    private final YamlFile file;
    private final WorkflowStepReader steps;

    WorkflowReader(YamlFile file) {
        this.file = file;
        this.steps = new WorkflowStepReader(file);
    }

    Optional<Workflow> read(MapFields document) {
        Node nameNode = document.value("workflow").orElseThrow();
        Optional<String> name = file.text(nameNode, "'workflow' must be the workflow's name", "workflow: orders")
                .filter(text -> valid("workflow name", nameNode, text, "order-fulfilment"));
        String called = name.map(text -> "workflow '" + text + "'").orElse("the workflow");
        List<String> from = document.required("from", called + " has no 'from'; add from: <channel>, e.g. from: shop")
                .map(this::channels)
                .orElse(List.of());
        Optional<Expression> key = document.required(
                        "key", called + " has no 'key'; add the CEL giving an event's instance, e.g. key: data.order")
                .flatMap(node -> file.expression(node, "'key' must be a CEL expression", "key: data.order"));
        Optional<WorkflowStart> start = document.required(
                        "start", called + " has no 'start'; add e.g. start: { on: shop.order.placed }")
                .flatMap(this::start);
        Optional<String> initial = document.required(
                        "initial",
                        called + " has no 'initial'; name the state an instance starts in, e.g. initial: placed")
                .flatMap(node -> file.text(node, "'initial' must be a state name", "initial: placed"));
        List<WorkflowState> states = document.required(
                        "states", called + " has no 'states'; add e.g. states: { " + STATE_EXAMPLE + " }")
                .map(this::states)
                .orElse(List.of());
        Optional<Node> onFailureNode = document.value("on-failure");
        Optional<String> onFailure = onFailureNode.flatMap(
                node -> file.text(node, "'on-failure' must be a state name", "on-failure: cancelled"));
        if (name.isEmpty() || from.isEmpty() || key.isEmpty() || start.isEmpty() || initial.isEmpty()) {
            return Optional.empty();
        }
        SourceLocation where = file.at(document.node());
        Workflow workflow = new Workflow(
                name.get(), from, key.get(), start.get(), initial.get(), states, onFailure.orElse(null), where);
        document.value("initial").ifPresent(node -> file.reference(workflow, ReferenceLocations.Part.INITIAL, node));
        onFailureNode.ifPresent(node -> file.reference(workflow, ReferenceLocations.Part.ON_FAILURE, node));
        document.value("from").ifPresent(node -> file.reference(workflow, ReferenceLocations.Part.FROM, node));
        return Optional.of(workflow);
    }

    private List<String> channels(Node node) {
        List<Node> items = node instanceof SequenceNode list ? list.getValue() : List.of(node);
        List<String> names = new ArrayList<>();
        for (Node item : items) {
            file.text(item, "'from' must be a channel name or a list of them", "from: shop")
                    .filter(text -> valid("channel name", item, text, "shop"))
                    .ifPresent(names::add);
        }
        return names;
    }

    private Optional<WorkflowStart> start(Node node) {
        Optional<MappingNode> map =
                file.map(node, "'start' must be a map with on and optionally when", "start: { on: shop.order.placed }");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.WORKFLOW_START);
        Optional<String> on = fields.required(
                        "on", "a workflow's start needs 'on', the type of the event that starts an instance")
                .flatMap(value -> file.text(value, "'on' must be an event type", "on: shop.order.placed"));
        Expression when = fields.value("when")
                .flatMap(value -> file.expression(value, "'when' must be a CEL condition", "when: data.amount > 0"))
                .orElse(null);
        return on.map(type -> new WorkflowStart(type, when, file.at(node)));
    }

    private List<WorkflowState> states(Node node) {
        List<WorkflowState> states = new ArrayList<>();
        Optional<MappingNode> map = file.map(node, "'states' must be a map from state name to state", STATE_EXAMPLE);
        for (NodeTuple tuple : map.map(MappingNode::getValue).orElse(List.of())) {
            Node keyNode = tuple.getKeyNode();
            file.text(keyNode, "a state's name must be a name", "placed")
                    .filter(text -> valid("state name", keyNode, text, "placed"))
                    .flatMap(name -> state(name, keyNode, tuple.getValueNode()))
                    .ifPresent(states::add);
        }
        return states;
    }

    private Optional<WorkflowState> state(String name, Node keyNode, Node value) {
        SourceLocation where = file.at(keyNode);
        if (YamlFile.isNull(value)) {
            return Optional.of(new WorkflowState(name, List.of(), List.of(), List.of(), false, where));
        }
        Optional<MappingNode> map =
                file.map(value, "state '" + name + "' must be a map with on, after, entry and terminal", STATE_EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.WORKFLOW_STATE);
        List<Transition> transitions =
                fields.value("on").map(node -> transitions(name, node)).orElse(List.of());
        List<Timer> timers =
                fields.value("after").map(node -> timers(name, node)).orElse(List.of());
        List<WorkflowStep> entry = fields.value("entry").map(steps::list).orElse(List.of());
        boolean terminal = fields.value("terminal")
                .flatMap(node -> new Scalars(file).bool(node, "'terminal'"))
                .orElse(false);
        return Optional.of(new WorkflowState(name, transitions, timers, entry, terminal, where));
    }

    private List<Transition> transitions(String state, Node node) {
        List<Transition> transitions = new ArrayList<>();
        if (YamlFile.isNull(node)) {
            return transitions;
        }
        String example = "on: [{ event: shop.payment.succeeded, goto: paid }]";
        List<Node> items = node instanceof MappingNode
                ? List.of(node)
                : file.list(node, "state '" + state + "': 'on' must be a list of transitions", example)
                        .map(SequenceNode::getValue)
                        .orElse(List.of());
        for (Node item : items) {
            file.map(item, "a transition must be a map with event or signal, optionally when, and goto", example)
                    .flatMap(map -> transition(state, item, MapFields.read(file, map, MapShape.TRANSITION)))
                    .ifPresent(transitions::add);
        }
        return transitions;
    }

    private Optional<Transition> transition(String state, Node item, MapFields fields) {
        String example = "{ event: shop.payment.succeeded, goto: paid }";
        Optional<String> kind =
                fields.onlyOneOf(List.of("event", "signal"), example, "write one transition per event or signal");
        Optional<String> name = kind.flatMap(k -> file.text(
                fields.value(k).orElseThrow(),
                "'" + k + "' must be " + (k.equals("event") ? "an event type" : "a name"),
                k + ": " + (k.equals("event") ? "shop.payment.succeeded" : "approve")));
        Expression when = fields.value("when")
                .flatMap(value -> file.expression(value, "'when' must be a CEL condition", "when: data.amount > 0"))
                .orElse(null);
        Optional<Node> gotoNode = fields.required(
                "goto", "a transition of state '" + state + "' needs 'goto', the state it moves to, e.g. goto: paid");
        Optional<String> target =
                gotoNode.flatMap(node -> file.text(node, "'goto' must be a state name", "goto: paid"));
        if (kind.isEmpty() || name.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        Transition.Trigger trigger = kind.get().equals("event") ? Transition.Trigger.EVENT : Transition.Trigger.SIGNAL;
        return Optional.of(new Transition(trigger, name.get(), when, target.get(), file.at(gotoNode.get())));
    }

    private List<Timer> timers(String state, Node node) {
        List<Timer> timers = new ArrayList<>();
        Optional<MappingNode> map = file.map(
                node,
                "state '" + state + "': 'after' must be a map from duration to state",
                "after: { 15m: reminded }");
        Map<Duration, SourceLocation> seen = new HashMap<>();
        Scalars scalars = new Scalars(file);
        for (NodeTuple tuple : map.map(MappingNode::getValue).orElse(List.of())) {
            Optional<Duration> after = scalars.positiveDuration(tuple.getKeyNode(), "a timer's delay");
            Optional<String> target = file.text(tuple.getValueNode(), "a timer must name a state", "15m: reminded");
            if (after.isEmpty() || target.isEmpty()) {
                continue;
            }
            SourceLocation where = file.at(tuple.getKeyNode());
            SourceLocation first = seen.putIfAbsent(after.get(), where);
            if (first != null) {
                file.problem(
                        where,
                        "state '" + state + "' has two timers after "
                                + after.get().toString().substring(2).toLowerCase(Locale.ROOT) + " (the first at "
                                + first + "); only one can fire, so keep one");
                continue;
            }
            timers.add(new Timer(after.get(), target.get(), where));
        }
        return timers;
    }

    private boolean valid(String what, Node node, String name, String example) {
        Optional<String> problem = Names.check(what, name, example);
        problem.ifPresent(message -> file.problem(node, message));
        return problem.isEmpty();
    }
}
