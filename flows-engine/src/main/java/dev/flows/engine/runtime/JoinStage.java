package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.api.flow.Step;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.engine.expression.CompiledExpression;
import dev.flows.engine.expression.EventVariables;
import dev.flows.engine.expression.ExpressionException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Interval join: pairs each event of the flow's source (the main side) with the events of the joined channel
 * (the other side) that have the same key and a time in [t − before, t + after]. Both sides are buffered per
 * key for as long as a future on-time event could still pair with them, and a pair is emitted when its
 * second event arrives, at the later of the two times. State: the buffered events, checkpointed.
 */
final class JoinStage implements Stage {

    private final Step.Join step;
    private final EventFormat format;
    private final CompiledExpression key;
    private final CompiledExpression otherKey;
    private final EmitTemplate emit;
    private final long before;
    private final long after;
    private final KeyedState<Sides> keys;
    private final TreeMap<Long, Set<String>> expiries = new TreeMap<>();
    private long watermark = Long.MIN_VALUE;

    JoinStage(
            Step.Join step,
            String flow,
            EventFormat format,
            CompiledExpression key,
            CompiledExpression otherKey,
            List<Assignment> emitFields,
            String stateTable) {
        this.step = step;
        this.format = format;
        this.key = key;
        this.otherKey = otherKey;
        this.emit =
                emitFields == null ? null : new EmitTemplate(flow, step.emit().type(), emitFields);
        this.before = step.before().toMillis();
        this.after = step.after().toMillis();
        this.keys = new MemoryKeyedState<>(stateTable, new SidesCodec());
    }

    @Override
    public Step step() {
        return step;
    }

    @Override
    public void onEvent(FlowEvent event, Downstream next) {
        boolean other = event.joined();
        CompiledExpression keyExpression = other ? otherKey : key;
        String id = Keys.of(keyExpression, keyExpression.evaluate(event.variables()), "the join key");
        long time = event.time();
        if (time < watermark) {
            next.late(event, LateEvent.reason(time, watermark, "the join at " + step.location(), "join"));
            return;
        }
        Sides sides = keys.forUpdate(id, Sides::new);
        if (other) {
            for (Buffered main : sides.main) {
                if (time >= main.time - before && time <= main.time + after) {
                    pair(decode(main), main.time, event.event(), time, next);
                }
            }
            sides.other.add(new Buffered(time, json(event)));
            expireAt(time + before, id);
        } else {
            for (Buffered candidate : sides.other) {
                if (candidate.time >= time - before && candidate.time <= time + after) {
                    pair(event.event(), time, decode(candidate), candidate.time, next);
                }
            }
            sides.main.add(new Buffered(time, json(event)));
            expireAt(time + after, id);
        }
    }

    private void pair(Event main, long mainTime, Event other, long otherTime, Downstream next) {
        long time = Math.max(mainTime, otherTime);
        if (emit == null) {
            next.next(FlowEvent.built(EventFields.set(main, "data." + step.as(), other.data()), time));
            return;
        }
        Map<String, Object> variables =
                EventVariables.with(EventVariables.of(main), step.as(), EventVariables.of(other));
        Event result;
        try {
            result = emit.build(main.id() + "+" + other.id(), main.subject(), time, variables);
        } catch (ExpressionException e) {
            next.failed(FlowEvent.built(main, mainTime), e.getMessage());
            return;
        }
        next.next(FlowEvent.builtPrivate(result, time));
    }

    @Override
    public void onWatermark(long next, Downstream downstream) {
        watermark = next;
        Set<String> due = new LinkedHashSet<>();
        while (!expiries.isEmpty() && expiries.firstKey() < next) {
            due.addAll(expiries.pollFirstEntry().getValue());
        }
        for (String id : due) {
            Sides sides = keys.get(id);
            if (sides == null) {
                continue;
            }
            // A main event at t pairs with other events up to t + after; an other event at t with mains from t -
            // before.
            sides.main.removeIf(main -> main.time + after < next);
            sides.other.removeIf(other -> other.time + before < next);
            if (sides.main.isEmpty() && sides.other.isEmpty()) {
                keys.remove(id);
            } else {
                keys.changed(id);
            }
        }
    }

    private void expireAt(long time, String id) {
        expiries.computeIfAbsent(time, t -> new LinkedHashSet<>()).add(id);
    }

    private String json(FlowEvent event) {
        return new String(event.encoded(format), StandardCharsets.UTF_8);
    }

    private Event decode(Buffered buffered) {
        return format.decode(buffered.json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void checkpoint(List<StateUpdate.Put> puts) {
        keys.checkpoint(puts);
    }

    @Override
    public void restore(StateStore state) {
        keys.restore(state);
        expiries.clear();
        for (Map.Entry<String, Sides> entry : keys.entries()) {
            entry.getValue().main.forEach(main -> expireAt(main.time + after, entry.getKey()));
            entry.getValue().other.forEach(other -> expireAt(other.time + before, entry.getKey()));
        }
    }

    @Override
    public void withoutCheckpoints() {
        keys.untracked();
    }

    @Override
    public long stateSize() {
        return keys.size();
    }

    /** A buffered event: its time and JSON. */
    record Buffered(long time, String json) {}

    /** The buffered events of one key, per side. */
    static final class Sides {
        final List<Buffered> main = new ArrayList<>();
        final List<Buffered> other = new ArrayList<>();
    }

    /** {@code {"main": [[time, json], ...], "other": [...]}}. */
    private static final class SidesCodec implements KeyedState.Codec<Sides> {

        @Override
        public Object encode(Sides sides) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put(
                    "main",
                    sides.main.stream().map(b -> List.of(b.time, b.json)).toList());
            json.put(
                    "other",
                    sides.other.stream().map(b -> List.of(b.time, b.json)).toList());
            return json;
        }

        @Override
        public Sides decode(Object json) {
            Map<?, ?> map = (Map<?, ?>) json;
            Sides sides = new Sides();
            read((List<?>) map.get("main"), sides.main);
            read((List<?>) map.get("other"), sides.other);
            return sides;
        }

        private static void read(List<?> saved, List<Buffered> into) {
            for (Object item : saved) {
                List<?> parts = (List<?>) item;
                into.add(new Buffered(((Number) parts.get(0)).longValue(), (String) parts.get(1)));
            }
        }
    }
}
