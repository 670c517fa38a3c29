package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.api.flow.PatternStage;
import dev.flows.api.flow.Step;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.engine.expression.CompiledExpression;
import dev.flows.engine.expression.EventVariables;
import dev.flows.engine.expression.ExpressionException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches a sequence of stages per key, in event time. Events that match any stage are buffered per key and
 * matched in event-time order (arrival order among equal times) once the watermark has passed them, so that
 * the outcome does not depend on the order of arrival. Every event matching the first stage starts a match
 * (Esper's {@code every}); a match that cannot complete within {@code within} of its start is dropped.
 *
 * <ul>
 *   <li>a stage of {@code times: n > 1} after the first counts n matching events;
 *   <li>a first stage of {@code times: n} completes on each matching event with at least n matching events
 *       (itself included) in the {@code within} before it;
 *   <li>an absent last stage completes at {@code start + within} when no matching event has a time in
 *       [time of the previous stage's event, start + within], decided once the watermark passes it.
 * </ul>
 *
 * <p>All of it (buffers, partial matches, the times absence and repetition look at) is keyed state,
 * checkpointed, so a match in progress survives a restart. A key holds at most {@link #MAX_PARTIALS_PER_KEY}
 * matches in progress; past that the oldest is dropped, with a warning.
 */
final class PatternMatcher implements Stage {

    private final Step.Pattern step;
    private final String flow;
    private final EventFormat format;
    private final CompiledExpression key;
    private final List<CompiledExpression> conditions;
    private final EmitTemplate emit;
    private final List<PatternStage> stages;
    private final long within;
    private final KeyedState<KeyState> keys;
    /** Event time after which a key has something to decide → keys; rebuilt on restore. */
    private final TreeMap<Long, Set<String>> wakeups = new TreeMap<>();

    private static final long WAKEUP_SLOT_MS = 100;

    /** Matches in progress one key may hold; beyond it the oldest is dropped (Esper and Flink CEP bound them too). */
    static final int MAX_PARTIALS_PER_KEY = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(PatternMatcher.class);

    private long watermark = Long.MIN_VALUE;
    private long sequence;
    private boolean warnedAboutPartials;

    PatternMatcher(
            Step.Pattern step,
            String flow,
            EventFormat format,
            CompiledExpression key,
            List<CompiledExpression> conditions,
            List<Assignment> emitFields,
            String stateTable) {
        this.step = step;
        this.flow = flow;
        this.format = format;
        this.key = key;
        this.conditions = conditions;
        this.emit = new EmitTemplate(flow, step.emit().type(), emitFields);
        this.stages = step.stages();
        this.within = step.within().toMillis();
        this.keys = new MemoryKeyedState<>(stateTable, new KeyStateCodec());
    }

    @Override
    public Step step() {
        return step;
    }

    @Override
    public void onEvent(FlowEvent event, Downstream next) {
        Map<String, Object> variables = event.variables();
        int mask = 0;
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).test(variables)) {
                mask |= 1 << i;
            }
        }
        if (mask == 0) {
            return;
        }
        long time = event.time();
        if (time < watermark) {
            next.late(event, LateEvent.reason(time, watermark, "the pattern at " + step.location(), "match"));
            return;
        }
        String id = Keys.of(key, key.evaluate(variables), "the pattern key");
        KeyState state = keys.forUpdate(id, KeyState::new);
        String json = new String(event.encoded(format), StandardCharsets.UTF_8);
        state.insertPending(new Pending(time, sequence++, json, mask));
        for (int i = 0; i < stages.size(); i++) {
            if ((mask & (1 << i)) != 0 && needsTimes(i)) {
                state.insertTime(i, time);
            }
        }
        wake(time, id);
    }

    @Override
    public void onWatermark(long next, Downstream downstream) {
        watermark = next;
        Set<String> due = new LinkedHashSet<>();
        while (!wakeups.isEmpty() && wakeups.firstKey() < next) {
            due.addAll(wakeups.pollFirstEntry().getValue());
        }
        for (String id : due) {
            KeyState state = keys.get(id);
            if (state != null) {
                advance(id, state, downstream);
            }
        }
    }

    /** Matches the key's events that the watermark has passed, decides due absences, and forgets what is old. */
    private void advance(String id, KeyState state, Downstream downstream) {
        while (!state.pending.isEmpty() && state.pending.getFirst().time < watermark) {
            match(id, state, state.pending.removeFirst(), downstream);
        }
        for (Partial partial : List.copyOf(state.partials)) {
            boolean absentStage = stages.get(partial.stage).absent();
            long deadline = partial.start + within;
            if (absentStage && deadline < watermark) {
                state.partials.remove(partial);
                if (!state.hasTime(partial.stage, partial.absentFrom, deadline)) {
                    emit(id, partial, null, deadline, downstream);
                }
            } else if (!absentStage && deadline < watermark) {
                state.partials.remove(partial); // no event to come can complete it within the bound
            }
        }
        state.forgetTimesBefore(watermark - within);
        keys.changed(id);
        long wakeAt = state.nextWakeup(within);
        if (wakeAt == Long.MAX_VALUE) {
            keys.remove(id);
        } else {
            wake(wakeAt, id);
        }
    }

    private void match(String id, KeyState state, Pending event, Downstream downstream) {
        for (Partial partial : List.copyOf(state.partials)) {
            PatternStage stage = stages.get(partial.stage);
            if (stage.absent()) {
                continue; // decided at the deadline, from the times of matching events
            }
            if (event.time - partial.start > within) {
                state.partials.remove(partial);
                continue;
            }
            if ((event.mask & (1 << partial.stage)) == 0) {
                continue;
            }
            partial.bound.put(stage.name(), event.json);
            if (++partial.count >= stage.times()) {
                completeStage(id, state, partial, event, downstream);
            }
        }
        if ((event.mask & 1) != 0) {
            PatternStage first = stages.getFirst();
            if (first.times() > 1 && state.countTimes(0, event.time - within, event.time) < first.times()) {
                return;
            }
            Partial started = new Partial();
            started.start = event.time;
            started.bound.put(first.name(), event.json);
            if (state.partials.size() >= MAX_PARTIALS_PER_KEY) {
                dropOldest(id, state);
            }
            state.partials.add(started);
            started.count = first.times();
            completeStage(id, state, started, event, downstream);
        }
    }

    private void completeStage(String id, KeyState state, Partial partial, Pending event, Downstream downstream) {
        partial.stage++;
        partial.count = 0;
        if (partial.stage == stages.size()) {
            state.partials.remove(partial);
            emit(id, partial, event, event.time, downstream);
        } else if (stages.get(partial.stage).absent()) {
            partial.absentFrom = event.time;
        }
    }

    private void emit(String id, Partial partial, Pending last, long time, Downstream downstream) {
        Map<String, Event> bound = new LinkedHashMap<>();
        partial.bound.forEach((name, json) -> bound.put(name, format.decode(json.getBytes(StandardCharsets.UTF_8))));
        Event base = last != null
                ? format.decode(last.json.getBytes(StandardCharsets.UTF_8))
                : bound.values().iterator().next();
        Map<String, Object> variables = EventVariables.of(base);
        for (Map.Entry<String, Event> entry : bound.entrySet()) {
            variables = EventVariables.with(variables, entry.getKey(), EventVariables.of(entry.getValue()));
        }
        Event result;
        try {
            String resultId = flow + "/" + id + "/" + base.id() + (last == null ? "/absent" : "/" + last.seq);
            result = emit.build(resultId, id, time, variables);
        } catch (ExpressionException e) {
            downstream.failed(FlowEvent.built(base, time), e.getMessage());
            return;
        }
        downstream.next(FlowEvent.builtPrivate(result, time));
    }

    /** Forgets the match in progress that started first, so that one hot key cannot hold unbounded state. */
    private void dropOldest(String id, KeyState state) {
        Partial oldest = state.partials.getFirst();
        for (Partial partial : state.partials) {
            if (partial.start < oldest.start) {
                oldest = partial;
            }
        }
        state.partials.remove(oldest);
        if (!warnedAboutPartials) {
            warnedAboutPartials = true;
            LOG.warn(
                    "flow '{}': key '{}' of the pattern at {} has {} matches in progress; the oldest are dropped from"
                            + " now on (shorten within, or make the first stage match fewer events)",
                    flow,
                    id,
                    step.location(),
                    MAX_PARTIALS_PER_KEY);
        }
    }

    private boolean needsTimes(int stage) {
        PatternStage definition = stages.get(stage);
        return definition.absent() || (stage == 0 && definition.times() > 1);
    }

    /**
     * Registers a key to be looked at once the watermark passes {@code time}. Wakeups are grouped in slots of
     * {@value #WAKEUP_SLOT_MS} ms of event time, rounded up, so that a key is never woken before its time (it
     * would only register again) and a busy stream makes a map entry per slot rather than per event: a match
     * is decided when the watermark passes the end of its deadline's slot.
     */
    private void wake(long time, String id) {
        long slot = time == Long.MAX_VALUE ? time : Math.ceilDiv(time, WAKEUP_SLOT_MS) * WAKEUP_SLOT_MS;
        wakeups.computeIfAbsent(slot, t -> new LinkedHashSet<>()).add(id);
    }

    @Override
    public void checkpoint(List<StateUpdate.Put> puts) {
        keys.checkpoint(puts);
    }

    @Override
    public void restore(StateStore state) {
        keys.restore(state);
        wakeups.clear();
        for (Map.Entry<String, KeyState> entry : keys.entries()) {
            KeyState key = entry.getValue();
            for (Pending pending : key.pending) {
                sequence = Math.max(sequence, pending.seq + 1);
            }
            long wakeAt = key.nextWakeup(within);
            if (wakeAt != Long.MAX_VALUE) {
                wake(wakeAt, entry.getKey());
            }
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

    /** An event waiting for the watermark: its time, arrival number, JSON and the stages it matches (bits). */
    record Pending(long time, long seq, String json, int mask) {}

    /** A match in progress. */
    static final class Partial {
        int stage;
        int count;
        long start;
        long absentFrom;
        final Map<String, String> bound = new LinkedHashMap<>();
    }

    /** Everything the pattern keeps for one key. */
    static final class KeyState {
        final List<Pending> pending = new ArrayList<>();
        final List<Partial> partials = new ArrayList<>();
        /** Stage index → sorted event times of matching events, for repetition and absence. */
        final Map<Integer, List<Long>> times = new TreeMap<>();

        void insertPending(Pending event) {
            int at = pending.size();
            while (at > 0
                    && (pending.get(at - 1).time > event.time
                            || (pending.get(at - 1).time == event.time && pending.get(at - 1).seq > event.seq))) {
                at--;
            }
            pending.add(at, event);
        }

        void insertTime(int stage, long time) {
            List<Long> list = times.computeIfAbsent(stage, s -> new ArrayList<>());
            int at = Collections.binarySearch(list, time);
            list.add(at < 0 ? -at - 1 : at, time);
        }

        boolean hasTime(int stage, long from, long to) {
            return countTimes(stage, from, to) > 0;
        }

        int countTimes(int stage, long from, long to) {
            List<Long> list = times.get(stage);
            if (list == null) {
                return 0;
            }
            int count = 0;
            for (int i = list.size() - 1; i >= 0 && list.get(i) >= from; i--) {
                if (list.get(i) <= to) {
                    count++;
                }
            }
            return count;
        }

        void forgetTimesBefore(long time) {
            times.values().forEach(list -> list.removeIf(t -> t < time));
            times.values().removeIf(List::isEmpty);
        }

        /** The earliest event time after which this key has something to do; MAX_VALUE when it holds nothing. */
        long nextWakeup(long within) {
            long next = Long.MAX_VALUE;
            if (!pending.isEmpty()) {
                next = pending.getFirst().time;
            }
            for (Partial partial : partials) {
                next = Math.min(next, partial.start + within);
            }
            for (List<Long> list : times.values()) {
                if (!list.isEmpty()) {
                    next = Math.min(next, list.getFirst() + within);
                }
            }
            return next;
        }
    }

    /** A key's state as JSON: pending events, partial matches and times. */
    private static final class KeyStateCodec implements KeyedState.Codec<KeyState> {

        @Override
        public Object encode(KeyState state) {
            List<Object> pending = new ArrayList<>();
            for (Pending event : state.pending) {
                pending.add(List.of(event.time, event.seq, event.json, (long) event.mask));
            }
            List<Object> partials = new ArrayList<>();
            for (Partial partial : state.partials) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("stage", (long) partial.stage);
                json.put("count", (long) partial.count);
                json.put("start", partial.start);
                json.put("absentFrom", partial.absentFrom);
                json.put("bound", new LinkedHashMap<>(partial.bound));
                partials.add(json);
            }
            Map<String, Object> times = new LinkedHashMap<>();
            state.times.forEach((stage, list) -> times.put(String.valueOf(stage), new ArrayList<>(list)));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("pending", pending);
            json.put("partials", partials);
            json.put("times", times);
            return json;
        }

        @Override
        public KeyState decode(Object json) {
            Map<?, ?> map = (Map<?, ?>) json;
            KeyState state = new KeyState();
            for (Object item : (List<?>) map.get("pending")) {
                List<?> parts = (List<?>) item;
                state.pending.add(new Pending(
                        number(parts.get(0)), number(parts.get(1)), (String) parts.get(2), (int) number(parts.get(3))));
            }
            for (Object item : (List<?>) map.get("partials")) {
                Map<?, ?> saved = (Map<?, ?>) item;
                Partial partial = new Partial();
                partial.stage = (int) number(saved.get("stage"));
                partial.count = (int) number(saved.get("count"));
                partial.start = number(saved.get("start"));
                partial.absentFrom = number(saved.get("absentFrom"));
                ((Map<?, ?>) saved.get("bound")).forEach((k, v) -> partial.bound.put((String) k, (String) v));
                state.partials.add(partial);
            }
            ((Map<?, ?>) map.get("times")).forEach((stage, list) -> {
                List<Long> times = new ArrayList<>();
                for (Object time : (List<?>) list) {
                    times.add(number(time));
                }
                state.times.put(Integer.parseInt((String) stage), times);
            });
            return state;
        }

        private static long number(Object value) {
            return ((Number) value).longValue();
        }
    }
}
