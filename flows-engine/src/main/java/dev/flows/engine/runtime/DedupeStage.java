package dev.flows.engine.runtime;

import dev.flows.api.flow.Step;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.engine.expression.CompiledExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drops an event when an event with the same key was kept less than {@code within} away from it in event
 * time. A key is forgotten once the watermark is {@code within} past the last kept event, since no on-time
 * event can then be its duplicate. State: the last kept time per key, checkpointed.
 */
final class DedupeStage implements Stage {

    private final Step.Dedupe step;
    private final CompiledExpression key;
    private final long within;
    private final KeyedState<Long> lastKept;
    private final TreeMap<Long, List<String>> expiries = new TreeMap<>();

    DedupeStage(Step.Dedupe step, CompiledExpression key, String stateTable) {
        this.step = step;
        this.key = key;
        this.within = step.within().toMillis();
        this.lastKept = new MemoryKeyedState<>(stateTable, new KeyedState.Codec<>() {
            @Override
            public Object encode(Long value) {
                return value;
            }

            @Override
            public Long decode(Object json) {
                return ((Number) json).longValue();
            }
        });
    }

    @Override
    public Step step() {
        return step;
    }

    @Override
    public void onEvent(FlowEvent event, Downstream next) {
        String id = Keys.of(key, key.evaluate(event.variables()), "the dedupe key");
        long time = event.time();
        Long last = lastKept.get(id);
        if (last != null && Math.abs(time - last) < within) {
            return;
        }
        long kept = last == null ? time : Math.max(last, time);
        lastKept.put(id, kept);
        expiries.computeIfAbsent(kept + within, t -> new ArrayList<>()).add(id);
        next.next(event);
    }

    @Override
    public void onWatermark(long watermark, Downstream next) {
        while (!expiries.isEmpty() && expiries.firstKey() <= watermark) {
            for (String id : expiries.pollFirstEntry().getValue()) {
                Long last = lastKept.get(id);
                if (last != null && last + within <= watermark) {
                    lastKept.remove(id);
                }
            }
        }
    }

    @Override
    public void checkpoint(List<StateUpdate.Put> puts) {
        lastKept.checkpoint(puts);
    }

    @Override
    public void restore(StateStore state) {
        lastKept.restore(state);
        expiries.clear();
        for (Map.Entry<String, Long> entry : lastKept.entries()) {
            expiries.computeIfAbsent(entry.getValue() + within, t -> new ArrayList<>())
                    .add(entry.getKey());
        }
    }

    @Override
    public void withoutCheckpoints() {
        lastKept.untracked();
    }

    @Override
    public long stateSize() {
        return lastKept.size();
    }
}
