package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Aggregate;
import dev.flows.api.flow.Step;
import dev.flows.api.flow.WindowShape;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.engine.expression.CompiledExpression;
import dev.flows.engine.format.JsonValues;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregates events per key and event-time window. Tumbling and hopping windows are aligned to the epoch;
 * session windows grow per key while events come less than the gap apart and merge when an event bridges two.
 * A window closes when the watermark reaches its end plus the grace period; events for closed windows are
 * late and go to the late channel. In {@code final} mode a window emits once, when it closes; in
 * {@code changes} mode after every event that changes it. State: one entry per open window, checkpointed.
 */
final class WindowStage implements Stage {

    private final Step.Window step;
    private final String flow;
    private final List<CompiledExpression> by;
    private final List<String> byNames;
    private final List<Aggregate> aggregates;
    private final List<CompiledExpression> arguments;
    private final long grace;
    private final KeyedState<Window> windows;
    /** Close time → keys of windows that close then; rebuilt from the windows on restore. */
    private final TreeMap<Long, List<String>> closing = new TreeMap<>();
    /** Key text → ids of its open sessions (session windows only); rebuilt on restore. */
    private final Map<String, List<String>> sessions = new HashMap<>();

    private long watermark = Long.MIN_VALUE;

    WindowStage(
            Step.Window step,
            String flow,
            List<CompiledExpression> by,
            List<CompiledExpression> arguments,
            String stateTable) {
        this.step = step;
        this.flow = flow;
        this.by = by;
        this.byNames = step.by().stream().map(field -> field.path()).toList();
        this.aggregates = step.aggregates();
        this.arguments = arguments;
        this.grace = step.grace().toMillis();
        this.windows = new MemoryKeyedState<>(stateTable, new WindowCodec());
    }

    @Override
    public Step step() {
        return step;
    }

    @Override
    public void onEvent(FlowEvent event, Downstream next) {
        long time = event.time();
        Map<String, Object> variables = event.variables();
        List<Object> key = new ArrayList<>(by.size());
        for (CompiledExpression expression : by) {
            key.add(expression.evaluate(variables));
        }
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            CompiledExpression argument = arguments.get(i);
            values[i] = argument == null ? null : argument.evaluate(variables);
        }
        String keyText = keyText(key);
        boolean added = switch (step.shape()) {
            case WindowShape.Tumbling tumbling -> {
                long size = tumbling.size().toMillis();
                long start = Math.floorDiv(time, size) * size;
                yield add(keyText, key, start, start + size, time, values, next);
            }
            case WindowShape.Hopping hopping -> {
                long size = hopping.size().toMillis();
                long advance = hopping.advance().toMillis();
                boolean any = false;
                for (long start = Math.floorDiv(time, advance) * advance; start > time - size; start -= advance) {
                    any |= add(keyText, key, start, start + size, time, values, next);
                }
                yield any;
            }
            case WindowShape.Session session ->
                addToSession(keyText, key, time, session.gap().toMillis(), values, next);
        };
        if (!added) {
            next.late(
                    event,
                    "late event: its time " + Instant.ofEpochMilli(time) + " falls in windows that closed at watermark "
                            + Instant.ofEpochMilli(watermark) + " (step at " + step.location()
                            + "); raise the flow's time.out-of-order or the window's grace to keep such events");
        }
    }

    /** Adds to one window unless it is closed; returns whether it was added. */
    private boolean add(
            String keyText, List<Object> key, long start, long end, long time, Object[] values, Downstream next) {
        if (end + grace <= watermark) {
            return false;
        }
        String id = start + "/" + keyText;
        Window window = windows.get(id);
        if (window == null) {
            window = new Window(key, start, end, fresh());
            windows.put(id, window);
            closing.computeIfAbsent(end + grace, t -> new ArrayList<>()).add(id);
        } else {
            windows.changed(id);
        }
        accumulate(window, values, time);
        if (step.emit() == Step.EmitMode.CHANGES) {
            next.next(result(window, keyText, next));
        }
        return true;
    }

    private boolean addToSession(
            String keyText, List<Object> key, long time, long gap, Object[] values, Downstream next) {
        if (time + gap + grace <= watermark) {
            return false;
        }
        // Sessions of this key that the new event touches: [start, end) overlapping [time, time + gap).
        Window merged = new Window(key, time, time + gap, fresh());
        accumulate(merged, values, time);
        List<String> open = sessions.computeIfAbsent(keyText, k -> new ArrayList<>());
        for (String id : List.copyOf(open)) {
            Window session = windows.get(id);
            if (session.start < time + gap && time < session.end) {
                merged.start = Math.min(merged.start, session.start);
                merged.end = Math.max(merged.end, session.end);
                for (int i = 0; i < merged.accumulators.length; i++) {
                    merged.accumulators[i].merge(session.accumulators[i]);
                }
                merged.version += session.version;
                windows.remove(id);
                open.remove(id);
            }
        }
        String id = merged.start + "/" + keyText;
        windows.put(id, merged);
        open.add(id);
        closing.computeIfAbsent(merged.end + grace, t -> new ArrayList<>()).add(id);
        if (step.emit() == Step.EmitMode.CHANGES) {
            next.next(result(merged, keyText, next));
        }
        return true;
    }

    @Override
    public void onWatermark(long next, Downstream downstream) {
        watermark = next;
        while (!closing.isEmpty() && closing.firstKey() <= next) {
            Map.Entry<Long, List<String>> due = closing.pollFirstEntry();
            for (String id : due.getValue()) {
                Window window = windows.get(id);
                if (window == null || window.end + grace != due.getKey()) {
                    continue; // merged into another session, or already emitted
                }
                windows.remove(id);
                forgetSession(id);
                if (step.emit() == Step.EmitMode.FINAL) {
                    downstream.next(result(window, keyText(window.key), downstream));
                }
            }
        }
    }

    @Override
    public void checkpoint(List<StateUpdate.Put> puts) {
        windows.checkpoint(puts);
    }

    @Override
    public void restore(StateStore state) {
        windows.restore(state);
        closing.clear();
        sessions.clear();
        for (Map.Entry<String, Window> entry : windows.entries()) {
            closing.computeIfAbsent(entry.getValue().end + grace, t -> new ArrayList<>())
                    .add(entry.getKey());
            if (step.shape() instanceof WindowShape.Session) {
                sessions.computeIfAbsent(keyText(entry.getValue().key), k -> new ArrayList<>())
                        .add(entry.getKey());
            }
        }
    }

    private void forgetSession(String id) {
        if (step.shape() instanceof WindowShape.Session) {
            String keyText = id.substring(id.indexOf('/') + 1);
            List<String> open = sessions.get(keyText);
            if (open != null) {
                open.remove(id);
                if (open.isEmpty()) {
                    sessions.remove(keyText);
                }
            }
        }
    }

    @Override
    public void withoutCheckpoints() {
        windows.untracked();
    }

    @Override
    public long stateSize() {
        return windows.size();
    }

    private Accumulator[] fresh() {
        Accumulator[] accumulators = new Accumulator[aggregates.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = Accumulator.of(aggregates.get(i).function());
        }
        return accumulators;
    }

    private static void accumulate(Window window, Object[] values, long time) {
        for (int i = 0; i < values.length; i++) {
            window.accumulators[i].add(values[i], time);
        }
        window.version++;
    }

    private FlowEvent result(Window window, String keyText, Downstream downstream) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < byNames.size(); i++) {
            data.put(byNames.get(i), window.key.get(i));
        }
        data.put("window_start", Instant.ofEpochMilli(window.start).toString());
        data.put("window_end", Instant.ofEpochMilli(window.end).toString());
        for (int i = 0; i < aggregates.size(); i++) {
            data.put(aggregates.get(i).name(), window.accumulators[i].result());
        }
        String id = flow + "/" + keyText + "/" + window.start
                + (step.emit() == Step.EmitMode.CHANGES ? "/" + window.version : "");
        long time = window.end - 1;
        Event event = new Event(
                id,
                "/flows/" + flow,
                step.type(),
                Event.SPEC_VERSION,
                keyText,
                Instant.ofEpochMilli(time),
                "application/json",
                null,
                Map.of(),
                data);
        // A final result's window is forgotten once emitted, so nothing else holds its maps.
        return step.emit() == Step.EmitMode.FINAL ? FlowEvent.builtPrivate(event, time) : FlowEvent.built(event, time);
    }

    /** The key as text: the value itself for one string, JSON otherwise. */
    private static String keyText(List<Object> key) {
        if (key.size() == 1 && key.getFirst() instanceof String text) {
            return text;
        }
        return new String(JsonValues.encode(key), StandardCharsets.UTF_8);
    }

    /** One open window: its key, bounds and accumulators. */
    static final class Window {
        final List<Object> key;
        long start;
        long end;
        final Accumulator[] accumulators;
        long version;

        Window(List<Object> key, long start, long end, Accumulator[] accumulators) {
            this.key = key;
            this.start = start;
            this.end = end;
            this.accumulators = accumulators;
        }
    }

    /** A window as JSON: {@code {"k": key, "s": start, "e": end, "v": version, "a": [saved accumulators]}}. */
    private final class WindowCodec implements KeyedState.Codec<Window> {

        @Override
        public Object encode(Window window) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("k", window.key);
            json.put("s", window.start);
            json.put("e", window.end);
            json.put("v", window.version);
            List<Object> saved = new ArrayList<>();
            for (Accumulator accumulator : window.accumulators) {
                saved.add(accumulator.save());
            }
            json.put("a", saved);
            return json;
        }

        @Override
        public Window decode(Object json) {
            Map<?, ?> map = (Map<?, ?>) json;
            Accumulator[] accumulators = fresh();
            List<?> saved = (List<?>) map.get("a");
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i].load(saved.get(i));
            }
            Window window = new Window(
                    new ArrayList<>((List<?>) map.get("k")),
                    ((Number) map.get("s")).longValue(),
                    ((Number) map.get("e")).longValue(),
                    accumulators);
            window.version = ((Number) map.get("v")).longValue();
            return window;
        }
    }
}
