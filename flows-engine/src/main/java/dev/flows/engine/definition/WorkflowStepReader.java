package dev.flows.engine.definition;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Emit;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.TemplateSource;
import dev.flows.api.workflow.WorkflowAction;
import dev.flows.api.workflow.WorkflowStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a state's {@code entry} steps: each a map with one action ({@code emit}, {@code table}, {@code
 * webhook}, {@code email} or {@code http}) and an optional {@code compensate}, a list of actions that undo it.
 * Tables, webhooks and emails are read by the flow destinations' readers, so they are written the same way.
 * Not thread-safe.
 */
final class WorkflowStepReader {

    private static final List<String> ACTIONS = List.of("emit", "table", "webhook", "email", "http");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final String EXAMPLE = "- emit: { channel: orders-paid, type: shop.order.paid }";
    private static final String HTTP_EXAMPLE = "http: { url: \"https://stock.example/reserve/{{subject}}\" }";

    private final YamlFile file;
    private final TableReader tables;
    private final WebhookReader webhooks;
    private final EmailReader emails;
    private final AssignmentReader assignments;

    WorkflowStepReader(YamlFile file) {
        this.file = file;
        this.tables = new TableReader(file);
        this.webhooks = new WebhookReader(file);
        this.emails = new EmailReader(file);
        this.assignments = new AssignmentReader(file);
    }

    List<WorkflowStep> list(Node node) {
        List<WorkflowStep> steps = new ArrayList<>();
        if (YamlFile.isNull(node)) {
            return steps;
        }
        for (Node item : items(node, "'entry' must be a list of steps")) {
            step(item).ifPresent(steps::add);
        }
        return steps;
    }

    private List<Node> items(Node node, String expected) {
        return file.list(node, expected, EXAMPLE).map(SequenceNode::getValue).orElse(List.of());
    }

    private Optional<WorkflowStep> step(Node item) {
        Optional<MappingNode> map =
                file.map(item, "a step must be a map with one of " + String.join(", ", ACTIONS), EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.WORKFLOW_STEP);
        Optional<WorkflowAction> action = action(item, fields);
        List<WorkflowAction> compensate = new ArrayList<>();
        fields.value("compensate").ifPresent(node -> {
            for (Node undo : items(node, "'compensate' must be a list of actions")) {
                file.map(undo, "a compensation must be a map with one of " + String.join(", ", ACTIONS), EXAMPLE)
                        .flatMap(undoMap -> action(undo, MapFields.read(file, undoMap, MapShape.WORKFLOW_STEP)))
                        .ifPresent(compensate::add);
            }
        });
        return action.map(done -> new WorkflowStep(done, compensate, file.at(item)));
    }

    private Optional<WorkflowAction> action(Node item, MapFields fields) {
        return fields.onlyOneOf(ACTIONS, EXAMPLE, "make each its own step, starting with '- '")
                .flatMap(kind -> {
                    Node value = fields.value(kind).orElseThrow();
                    return switch (kind) {
                        case "emit" -> emit(item, value);
                        case "table" ->
                            tables.read(item, value)
                                    .map(table -> new WorkflowAction.UpdateTable((Destination.ToTable) table));
                        case "webhook" ->
                            webhooks.read(item, value)
                                    .map(hook -> new WorkflowAction.Notify((Destination.Notification) hook));
                        case "email" ->
                            emails.read(item, value)
                                    .map(mail -> new WorkflowAction.Notify((Destination.Notification) mail));
                        default -> http(item, value);
                    };
                });
    }

    private Optional<WorkflowAction> emit(Node item, Node value) {
        String example = "emit: { channel: orders-paid, type: shop.order.paid, set: { data.order: instance.key } }";
        Optional<MappingNode> map =
                file.map(value, "'emit' must be a map with channel, type and optionally set", example);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.WORKFLOW_EMIT);
        Optional<Node> channelNode =
                fields.required("channel", "an emit needs 'channel', where the event goes; " + example);
        Optional<String> channel = channelNode.flatMap(
                node -> file.text(node, "'channel' must be a channel name", "channel: orders-paid"));
        Optional<String> type = fields.required("type", "an emit needs 'type', the emitted event's type; " + example)
                .flatMap(node -> file.text(node, "an emit's 'type' must be an event type", "type: shop.order.paid"));
        Optional<Node> setNode = fields.value("set");
        Optional<List<FieldAssignment>> set = setNode.flatMap(assignments::emit);
        if (channel.isEmpty() || type.isEmpty() || (setNode.isPresent() && set.isEmpty())) {
            return Optional.empty();
        }
        WorkflowAction.EmitEvent emit =
                new WorkflowAction.EmitEvent(channel.get(), new Emit(type.get(), set.orElse(List.of())), file.at(item));
        file.reference(emit, ReferenceLocations.Part.CHANNEL, channelNode.get());
        return Optional.of(emit);
    }

    private Optional<WorkflowAction> http(Node item, Node value) {
        Optional<MappingNode> map = file.map(
                value, "'http' must be a map with url and optionally method, headers, body, retry", HTTP_EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.HTTP_CALL);
        Optional<TemplateSource> url = fields.required("url", "an http step needs 'url'; e.g. " + HTTP_EXAMPLE)
                .flatMap(node -> template(node, "an http 'url' must be a URL", "url: https://stock.example/reserve"));
        Optional<String> method = fields.value("method")
                .flatMap(node -> file.text(node, "'method' must be an HTTP method", "method: DELETE")
                        .map(text -> text.toUpperCase(Locale.ROOT))
                        .filter(text -> knownMethod(node, text)));
        Map<String, String> headers =
                fields.value("headers").map(webhooks::headers).orElse(Map.of());
        Optional<TemplateSource> body = fields.value("body")
                .flatMap(node -> template(
                        node, "an http 'body' must be a JSON template", "body: '{\"order\": \"{{subject}}\"}'"));
        RetryPolicy retry =
                fields.value("retry").map(new RetryReader(file)::read).orElse(RetryPolicy.DEFAULT);
        boolean allowPrivate = fields.value("allow-private")
                .flatMap(node -> new Scalars(file).bool(node, "'allow-private'"))
                .orElse(false);
        if (url.isEmpty() || (fields.value("method").isPresent() && method.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new WorkflowAction.CallHttp(
                method.orElse(body.isPresent() ? "POST" : "GET"),
                url.get(),
                headers,
                body.orElse(null),
                retry,
                allowPrivate,
                file.at(item)));
    }

    private Optional<TemplateSource> template(Node node, String expected, String example) {
        return file.expression(node, expected, example)
                .flatMap(text -> file.expand(node, text.text(), expected)
                        .map(expanded -> new TemplateSource(expanded, text.location())));
    }

    private boolean knownMethod(Node node, String method) {
        if (METHODS.contains(method)) {
            return true;
        }
        file.problem(
                node, "method '" + method + "' is not one an http step sends; use GET, POST, PUT, PATCH or DELETE");
        return false;
    }
}
