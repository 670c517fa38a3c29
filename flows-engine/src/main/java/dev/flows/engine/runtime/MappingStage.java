package dev.flows.engine.runtime;

import com.dashjoin.jsonata.Jsonata;
import dev.flows.api.event.Event;
import dev.flows.api.flow.Step;
import dev.flows.engine.expression.ExpressionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces an event's data with the result of a JSONata expression over the whole event (its attributes
 * by their CloudEvents names, {@code time} as RFC 3339 text, and {@code data}). Each evaluation is bounded
 * in time and recursion depth, so a user's expression cannot stall the flow.
 */
record MappingStage(Step.Mapping step, Jsonata expression) implements Stage {

    /** Longest a mapping may run on one event. */
    static final long TIMEOUT_MS = 1_000;

    /** Deepest recursion a mapping may reach. */
    static final int MAX_DEPTH = 200;

    static MappingStage compile(Step.Mapping step) {
        return new MappingStage(step, Jsonata.jsonata(step.jsonata()));
    }

    @Override
    public void onEvent(FlowEvent event, Downstream next) {
        Event current = event.event();
        Object result;
        try {
            Jsonata.Frame frame = expression.createFrame();
            frame.setRuntimeBounds(TIMEOUT_MS, MAX_DEPTH);
            result = expression.evaluate(input(current), frame);
        } catch (RuntimeException e) {
            throw new ExpressionException(
                    step.location() + ": the mapping failed on event " + current.id() + ": " + e.getMessage()
                            + "; test the expression on this event at try.jsonata.org or guard the fields it reads",
                    e);
        }
        next.next(event.changed(current.withData(plain(result))));
    }

    private static Map<String, Object> input(Event event) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", event.id());
        input.put("source", event.source());
        input.put("type", event.type());
        input.put("specversion", event.specVersion());
        putIfPresent(input, "subject", event.subject());
        putIfPresent(input, "time", event.time() == null ? null : event.time().toString());
        putIfPresent(input, "datacontenttype", event.dataContentType());
        putIfPresent(input, "dataschema", event.dataSchema());
        input.putAll(event.extensions());
        input.put("data", event.data());
        return input;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** JSONata's values as the JSON-like values events hold: whole numbers as Long, JSONata's null as null. */
    private static Object plain(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        return value;
    }
}
