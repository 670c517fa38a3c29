package dev.flows.workflow.decision;

import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance snapshot as JSON, for the state store and {@code GET /workflows/{name}/{key}}. Deferred inputs
 * are kept as the history records they were written as, and rebuilt by {@link Input#fromRecord}. Stateless.
 */
public final class InstanceCodec {

    private InstanceCodec() {}

    /** The snapshot's JSON bytes. */
    public static byte[] encode(Instance instance) {
        return JsonValues.encode(toMap(instance));
    }

    /** The snapshot as a JSON-like map (what the HTTP API shows). */
    public static Map<String, Object> toMap(Instance instance) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", instance.key);
        map.put("state", instance.state);
        map.put("status", instance.status.text());
        map.put("startedAt", instance.startedAt.toString());
        map.put("updatedAt", instance.updatedAt.toString());
        map.put("entries", instance.entries);
        map.put("records", instance.records);
        map.put("phase", instance.phase.name().toLowerCase(java.util.Locale.ROOT));
        map.put("nextStep", (long) instance.nextStep);
        map.put("pendingStep", instance.pendingStep);
        map.put("failing", instance.failing);
        map.put("cancelling", instance.cancelling);
        map.put("failure", instance.failure);
        List<Object> timers = new ArrayList<>();
        for (Instance.ScheduledTimer timer : instance.timers) {
            timers.add(Map.of("id", timer.id(), "due", timer.due().toString(), "target", timer.target()));
        }
        map.put("timers", timers);
        List<Object> done = new ArrayList<>();
        instance.done.forEach(step -> done.add(step(step)));
        map.put("done", done);
        List<Object> compensations = new ArrayList<>();
        for (Instance.PendingCompensation compensation : instance.compensations) {
            compensations.add(Map.of("step", step(compensation.step()), "action", (long) compensation.action()));
        }
        map.put("compensations", compensations);
        List<Object> deferred = new ArrayList<>();
        for (Input input : instance.deferred) {
            deferred.add(Map.of("type", input.recordType(), "at", input.at().toString(), "data", input.recordData()));
        }
        map.put("deferred", deferred);
        map.put("start", instance.startMap());
        map.put("last", instance.lastMap());
        return map;
    }

    /**
     * The snapshot {@link #encode} wrote.
     *
     * @throws IllegalArgumentException if the bytes are not one
     */
    public static Instance decode(byte[] bytes) {
        Map<?, ?> map = (Map<?, ?>) JsonValues.decode(bytes);
        Instance instance = new Instance();
        instance.key = (String) map.get("key");
        instance.state = (String) map.get("state");
        instance.status = InstanceStatus.parse((String) map.get("status"));
        instance.startedAt = Instant.parse((String) map.get("startedAt"));
        instance.updatedAt = Instant.parse((String) map.get("updatedAt"));
        instance.entries = number(map, "entries");
        instance.records = number(map, "records");
        instance.phase = Instance.Phase.valueOf(((String) map.get("phase")).toUpperCase(java.util.Locale.ROOT));
        instance.nextStep = (int) number(map, "nextStep");
        instance.pendingStep = (String) map.get("pendingStep");
        instance.failing = Boolean.TRUE.equals(map.get("failing"));
        instance.cancelling = Boolean.TRUE.equals(map.get("cancelling"));
        instance.failure = (String) map.get("failure");
        for (Object item : (List<?>) map.get("timers")) {
            Map<?, ?> timer = (Map<?, ?>) item;
            instance.timers.add(new Instance.ScheduledTimer(
                    (String) timer.get("id"), Instant.parse((String) timer.get("due")), (String) timer.get("target")));
        }
        for (Object item : (List<?>) map.get("done")) {
            instance.done.add(step((Map<?, ?>) item));
        }
        for (Object item : (List<?>) map.get("compensations")) {
            Map<?, ?> compensation = (Map<?, ?>) item;
            instance.compensations.add(new Instance.PendingCompensation(
                    step((Map<?, ?>) compensation.get("step")), (int) number(compensation, "action")));
        }
        for (Object item : (List<?>) map.get("deferred")) {
            Map<?, ?> input = (Map<?, ?>) item;
            Event record = new Event(
                    "deferred",
                    "/workflows",
                    (String) input.get("type"),
                    Event.SPEC_VERSION,
                    instance.key,
                    Instant.parse((String) input.get("at")),
                    null,
                    null,
                    Map.of(),
                    input.get("data"));
            instance.deferred.add(Input.fromRecord(record));
        }
        instance.start = EventJson.fromMap(map.get("start"));
        instance.last = EventJson.fromMap(map.get("last"));
        instance.maps(stringKeyed(map.get("start")), stringKeyed(map.get("last")));
        return instance;
    }

    private static Map<String, Object> step(Instance.DoneStep step) {
        return Map.of("id", step.id(), "state", step.state(), "index", (long) step.index());
    }

    private static Instance.DoneStep step(Map<?, ?> map) {
        return new Instance.DoneStep((String) map.get("id"), (String) map.get("state"), (int) number(map, "index"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeyed(Object map) {
        return (Map<String, Object>) map;
    }

    private static long number(Map<?, ?> map, String key) {
        return ((Number) map.get(key)).longValue();
    }
}
