package dev.flows.engine.definition;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.EventTime;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.Schedule;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a {@code flow:} document: {@code flow} (the name), {@code from} (the source channel, or a schedule
 * that {@link ScheduleReader} reads, making the flow read its own schedule channel), optional
 * {@code time} (see {@link EventTimeReader}), optional {@code steps} and optional {@code to}. Everything
 * is read even when something is wrong, so that one pass reports every problem; a flow comes out only when it
 * has a valid name and a source. The flow is located where its document's map starts. Not thread-safe.
 */
final class FlowReader {

    private final YamlFile file;
    private final DestinationReader destinations;
    private final StepReader steps;

    FlowReader(YamlFile file) {
        this.file = file;
        this.destinations = new DestinationReader(file);
        this.steps = new StepReader(file, destinations);
    }

    Optional<Flow> read(MapFields document) {
        Node nameNode = document.value("flow").orElseThrow();
        Optional<String> name = file.text(nameNode, "'flow' must be the flow's name", "flow: big-orders")
                .filter(text -> validName(nameNode, text));
        String called = name.map(text -> "flow '" + text + "'").orElse("the flow");
        Optional<Node> fromNode = document.required(
                "from", called + " has no 'from'; add from: <channel>, naming the channel it reads, e.g. from: shop");
        Optional<Schedule> schedule = fromNode.filter(MappingNode.class::isInstance)
                .flatMap(node -> new ScheduleReader(file).read((MappingNode) node));
        Optional<String> from = fromNode.flatMap(node -> node instanceof MappingNode
                ? schedule.flatMap(ignored -> name.map(Schedule::channelOf))
                : file.text(node, "'from' must be a channel name or a schedule", "from: shop or from: { every: 10s }")
                        .filter(text -> validChannel(node, text)));
        EventTime time =
                document.value("time").map(new EventTimeReader(file)::read).orElse(EventTime.DEFAULT);
        // A window's results are typed after the flow by default; a flow without a valid name is not built anyway.
        String flowName = name.orElse("flow");
        List<Step> flowSteps =
                document.value("steps").map(node -> steps(node, flowName)).orElse(List.of());
        List<Destination> to = document.value("to")
                .map(node -> destinations.list(node, "a flow's 'to'"))
                .orElse(List.of());
        SourceLocation where = file.at(document.node());
        boolean hasSteps = document.value("steps").filter(FlowReader::written).isPresent();
        boolean hasTo = document.value("to").filter(FlowReader::written).isPresent();
        if (!hasSteps && !hasTo) {
            file.problem(
                    where,
                    called + " has no steps and no 'to', so it would do nothing; add a step or a"
                            + " destination, e.g. to: [{channel: orders}]");
        } else if (!hasTo && !hasRoute(document)) {
            file.problem(
                    where,
                    called + " has no 'to' and no route step, so its events go nowhere; add a"
                            + " destination, e.g. to: [{channel: orders}]");
        }
        if (name.isEmpty() || from.isEmpty()) {
            return Optional.empty();
        }
        Flow flow = new Flow(name.get(), from.get(), flowSteps, to, time, schedule.orElse(null), where);
        file.references().put(flow, ReferenceLocations.Part.FROM, file.at(fromNode.orElseThrow()));
        return Optional.of(flow);
    }

    /** Whether a value says something: not null and not an empty list or map. */
    private static boolean written(Node node) {
        return switch (node) {
            case SequenceNode list -> !list.getValue().isEmpty();
            case MappingNode map -> !map.getValue().isEmpty();
            default -> !YamlFile.isNull(node);
        };
    }

    /** Whether a step is written as a route, even one with problems (so that those are not doubled). */
    private static boolean hasRoute(MapFields document) {
        return document.value("steps").stream()
                .flatMap(node -> node instanceof SequenceNode list ? list.getValue().stream() : Stream.empty())
                .flatMap(item -> item instanceof MappingNode map ? map.getValue().stream() : Stream.empty())
                .anyMatch(tuple -> tuple.getKeyNode() instanceof ScalarNode key
                        && key.getValue().equals("route"));
    }

    private List<Step> steps(Node node, String flowName) {
        List<Step> read = new ArrayList<>();
        if (YamlFile.isNull(node)) {
            return read;
        }
        Optional<SequenceNode> list = file.list(
                node, "'steps' must be a list of steps, each starting with '- '", "- filter: type == \"a.b\"");
        list.ifPresent(items ->
                items.getValue().forEach(item -> steps.read(item, flowName).ifPresent(read::add)));
        return read;
    }

    private boolean validName(Node node, String name) {
        Optional<String> problem = Names.check("flow name", name, "big-orders");
        problem.ifPresent(message -> file.problem(node, message));
        return problem.isEmpty();
    }

    private boolean validChannel(Node node, String name) {
        Optional<String> problem = Names.check("channel name", name, "shop");
        problem.ifPresent(message -> file.problem(node, message));
        return problem.isEmpty();
    }
}
