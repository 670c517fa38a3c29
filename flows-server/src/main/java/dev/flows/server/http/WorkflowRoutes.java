package dev.flows.server.http;

import dev.flows.api.event.Event;
import dev.flows.api.workflow.Timer;
import dev.flows.api.workflow.Transition;
import dev.flows.api.workflow.Workflow;
import dev.flows.api.workflow.WorkflowState;
import dev.flows.engine.format.JsonValues;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import dev.flows.workflow.decision.EventJson;
import dev.flows.workflow.decision.Instance;
import dev.flows.workflow.decision.InstanceCodec;
import dev.flows.workflow.decision.InstanceStatus;
import dev.flows.workflow.runtime.WorkflowRuntime;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflows over HTTP: {@code GET /workflows} (definitions), {@code GET /workflows/{name}} (instances, filtered
 * by {@code state} and {@code key-prefix}, paged by {@code after} and {@code limit}), {@code GET
 * /workflows/{name}/{key}} (an instance: state, status, timers with their due times, steps), {@code GET
 * /workflows/{name}/{key}/history} (its records, oldest first), {@code POST /workflows/{name}/{key}/signal}
 * ({@code {"type": NAME, "data": ...}}) and {@code POST /workflows/{name}/{key}/cancel} ({@code {"reason": ...}},
 * optional). Signals and cancellations answer 202 once appended to the workflow's signal channel: the instance
 * takes them in order with its other inputs. Reads show instances as last committed. Every route is for admins:
 * instances hold their events' data, and signals act on them.
 */
final class WorkflowRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final WorkflowRuntime runtime;

    WorkflowRoutes(WorkflowRuntime runtime) {
        this.runtime = runtime;
    }

    void register(RoutesConfig routes) {
        routes.get("/workflows", this::definitions, Access.anyName(Verb.ADMIN));
        routes.get("/workflows/{name}", this::instances, Access.anyName(Verb.ADMIN));
        routes.get("/workflows/{name}/{key}", this::instance, Access.anyName(Verb.ADMIN));
        routes.get("/workflows/{name}/{key}/history", this::history, Access.anyName(Verb.ADMIN));
        routes.post("/workflows/{name}/{key}/signal", this::signal, Access.anyName(Verb.ADMIN));
        routes.post("/workflows/{name}/{key}/cancel", this::cancel, Access.anyName(Verb.ADMIN));
    }

    private void definitions(Context ctx) {
        List<Map<String, Object>> workflows = new ArrayList<>();
        for (Workflow workflow : runtime.workflows()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", workflow.name());
            view.put("from", workflow.from());
            view.put("key", workflow.key().text());
            view.put("start", workflow.start().eventType());
            view.put("initial", workflow.initial());
            view.put("onFailure", workflow.onFailure());
            List<Map<String, Object>> states = new ArrayList<>();
            workflow.states().forEach(state -> states.add(state(state)));
            view.put("states", states);
            view.put("history", workflow.historyChannel());
            view.put("location", workflow.location().toString());
            workflows.add(view);
        }
        ctx.json(Map.of("workflows", workflows));
    }

    private static Map<String, Object> state(WorkflowState state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", state.name());
        List<String> on = new ArrayList<>();
        for (Transition transition : state.transitions()) {
            on.add((transition.trigger() == Transition.Trigger.EVENT ? "event " : "signal ") + transition.name()
                    + " -> " + transition.target());
        }
        view.put("on", on);
        List<String> after = new ArrayList<>();
        for (Timer timer : state.timers()) {
            after.add(timer.after() + " -> " + timer.target());
        }
        view.put("after", after);
        view.put("steps", state.entry().size());
        view.put("terminal", state.terminal());
        return view;
    }

    private void instances(Context ctx) {
        Workflow workflow = workflow(ctx);
        String state = blankToNull(ctx.queryParam("state"));
        String prefix = orEmpty(ctx.queryParam("key-prefix"));
        String after = orEmpty(ctx.queryParam("after"));
        int limit = (int) QueryParameters.longParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<Instance> page = runtime.instances(workflow.name(), state, prefix, after, limit);
        List<Map<String, Object>> instances = new ArrayList<>();
        page.forEach(instance -> instances.add(summary(instance)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instances", instances);
        body.put("next", page.size() == limit ? page.getLast().key() : null);
        ctx.json(body);
    }

    private static Map<String, Object> summary(Instance instance) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("key", instance.key());
        view.put("state", instance.state());
        view.put("status", instance.status().text());
        view.put("startedAt", instance.startedAt().toString());
        view.put("updatedAt", instance.updatedAt().toString());
        return view;
    }

    private void instance(Context ctx) {
        Workflow workflow = workflow(ctx);
        Instance instance = instanceOf(workflow, ctx.pathParam("key"));
        Map<String, Object> view = new LinkedHashMap<>(InstanceCodec.toMap(instance));
        view.put("workflow", workflow.name());
        ctx.json(view);
    }

    private void history(Context ctx) {
        Workflow workflow = workflow(ctx);
        String key = ctx.pathParam("key");
        List<Event> history = runtime.history(workflow.name(), key);
        if (history.isEmpty()) {
            instanceOf(workflow, key); // 404 when there is no such instance
        }
        List<Map<String, Object>> records = new ArrayList<>();
        history.forEach(record -> records.add(EventJson.toMap(record)));
        ctx.json(Map.of("history", records));
    }

    private void signal(Context ctx) {
        Workflow workflow = workflow(ctx);
        String key = ctx.pathParam("key");
        Map<?, ?> body = body(ctx, "{\"type\": \"cancel-order\", \"data\": {\"by\": \"support\"}}");
        if (!(body.get("type") instanceof String type) || type.isBlank()) {
            throw ApiException.badRequest(
                    "invalid-signal",
                    "a signal needs \"type\", the signal's name, as a string; send e.g. {\"type\": \"cancel-order\"}");
        }
        running(workflow, key);
        runtime.signal(workflow.name(), key, type, body.get("data"));
        ctx.status(202).json(Map.of("workflow", workflow.name(), "key", key, "signal", type, "status", "accepted"));
    }

    private void cancel(Context ctx) {
        Workflow workflow = workflow(ctx);
        String key = ctx.pathParam("key");
        Map<?, ?> body = ctx.body().isBlank() ? Map.of() : body(ctx, "{\"reason\": \"customer asked\"}");
        String reason = body.get("reason") instanceof String text ? text : "cancelled over HTTP";
        running(workflow, key);
        runtime.cancel(workflow.name(), key, reason);
        ctx.status(202).json(Map.of("workflow", workflow.name(), "key", key, "status", "cancelling"));
    }

    private Workflow workflow(Context ctx) {
        String name = ctx.pathParam("name");
        return runtime.workflow(name)
                .orElseThrow(() -> ApiException.notFound(
                        "no-such-workflow",
                        "there is no workflow '" + name + "'; GET /workflows lists the running workflows"));
    }

    private Instance instanceOf(Workflow workflow, String key) {
        return runtime.instance(workflow.name(), key)
                .orElseThrow(() -> ApiException.notFound(
                        "no-such-instance",
                        "workflow '" + workflow.name() + "' has no instance '" + key + "'; GET /workflows/"
                                + workflow.name() + " lists its instances (an instance starts with a "
                                + workflow.start().eventType() + " event)"));
    }

    private void running(Workflow workflow, String key) {
        Instance instance = instanceOf(workflow, key);
        if (instance.status() != InstanceStatus.RUNNING) {
            throw ApiException.conflict(
                    "instance-ended",
                    "instance '" + key + "' of workflow '" + workflow.name() + "' has ended ("
                            + instance.status().text() + " in state '" + instance.state()
                            + "'); nothing was sent. Its history is at GET /workflows/" + workflow.name() + "/" + key
                            + "/history");
        }
    }

    private static Map<?, ?> body(Context ctx, String example) {
        try {
            if (JsonValues.decode(ctx.bodyAsBytes()) instanceof Map<?, ?> map) {
                return map;
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "invalid-json", "the body is not JSON: " + e.getMessage() + "; send e.g. " + example);
        }
        throw ApiException.badRequest("invalid-json", "the body must be a JSON object; send e.g. " + example);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
