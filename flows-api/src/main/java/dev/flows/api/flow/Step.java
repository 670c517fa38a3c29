package dev.flows.api.flow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One processing step of a flow. Steps run in the order written, per partition of the source channel.
 * Filter, set, remove, mapping, enrich, route and split look at one event at a time; dedupe, window, join and
 * pattern keep keyed state in event time, which the flow checkpoints with its input offsets.
 *
 * <p>Every step says, in {@link #onError()}, what happens to an event it fails on.
 */
public sealed interface Step {

    /** Where the step was written. */
    SourceLocation location();

    /** What happens to an event this step fails on. */
    OnError onError();

    /**
     * Keeps the events for which {@code condition} is true and drops the rest.
     *
     * @param condition a CEL expression of type bool
     */
    record Filter(Expression condition, OnError onError, SourceLocation location) implements Step {
        public Filter {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(onError, "onError");
        }

        /** A filter that dead-letters the events it fails on. */
        public Filter(Expression condition, SourceLocation location) {
            this(condition, OnError.DEAD_LETTER, location);
        }
    }

    /**
     * Sets computed fields on the event: {@code data.total}, {@code data.region}, {@code subject}, or an
     * extension attribute. Assignments run in order and each sees the results of those before it.
     */
    record Set(List<FieldAssignment> fields, OnError onError, SourceLocation location) implements Step {
        public Set {
            fields = List.copyOf(fields);
            Objects.requireNonNull(onError, "onError");
        }

        /** A set step that dead-letters the events it fails on. */
        public Set(List<FieldAssignment> fields, SourceLocation location) {
            this(fields, OnError.DEAD_LETTER, location);
        }
    }

    /** Removes fields of the data ({@code data.card}) or extension attributes; absent ones are ignored. */
    record Remove(List<String> paths, OnError onError, SourceLocation location) implements Step {
        public Remove {
            paths = List.copyOf(paths);
            Objects.requireNonNull(onError, "onError");
        }
    }

    /**
     * Replaces the event's data with the result of a JSONata expression over the whole event, for reshaping a
     * document in one go. Evaluation is bounded in depth and time.
     *
     * @param jsonata the JSONata source
     */
    record Mapping(String jsonata, OnError onError, SourceLocation location) implements Step {
        public Mapping {
            Objects.requireNonNull(jsonata, "jsonata");
            Objects.requireNonNull(onError, "onError");
        }
    }

    /**
     * Looks up {@code key} in a lookup file or a state table and writes what it finds at {@code into}.
     *
     * @param fallback a CEL expression used when the key has no entry, or null to treat a miss as a failure
     */
    record Enrich(
            Lookup lookup, Expression key, String into, Expression fallback, OnError onError, SourceLocation location)
            implements Step {
        public Enrich {
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(into, "into");
            Objects.requireNonNull(onError, "onError");
        }
    }

    /**
     * Sends each event to the destinations of the first case whose condition holds; the event then stops
     * there. An event that no case matches goes to {@code otherwise} when that is not empty, else on to the
     * next step and, at the end, to the flow's destinations.
     */
    record Route(List<RouteCase> cases, List<Destination> otherwise, OnError onError, SourceLocation location)
            implements Step {
        public Route {
            cases = List.copyOf(cases);
            otherwise = List.copyOf(otherwise);
            Objects.requireNonNull(onError, "onError");
        }

        /** A route without a default whose unmatched events go on. */
        public Route(List<RouteCase> cases, SourceLocation location) {
            this(cases, List.of(), OnError.DEAD_LETTER, location);
        }
    }

    /**
     * Turns an event into one event per element of a list: each has the element as its data and the id
     * {@code <id>-<index>}. An empty list drops the event.
     *
     * @param items a CEL expression giving a list, such as {@code data.lines}
     */
    record Split(Expression items, OnError onError, SourceLocation location) implements Step {
        public Split {
            Objects.requireNonNull(items, "items");
            Objects.requireNonNull(onError, "onError");
        }
    }

    /**
     * Drops an event when an earlier one had the same {@code key} less than {@code within} before it, in event
     * time.
     */
    record Dedupe(Expression key, Duration within, OnError onError, SourceLocation location) implements Step {
        public Dedupe {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(within, "within");
            Objects.requireNonNull(onError, "onError");
        }
    }

    /**
     * Aggregates events per key and per event-time window. Each result is an event of type {@code type} whose
     * data holds the {@code by} fields, {@code window_start} and {@code window_end} (RFC 3339, UTC) and the
     * aggregates; it replaces the events that made it.
     *
     * @param by    the key: named CEL expressions, such as {@code item: data.item}; empty for one global window
     * @param emit  {@link EmitMode#FINAL}: one result when the watermark passes the window's end plus
     *              {@code grace}; {@link EmitMode#CHANGES}: a result after every event that changes it
     * @param grace how long after the window's end on-time events are still added
     * @param late  the channel for events that come after their windows closed, or null for the dead-letter
     *              channel
     * @param type  the type of the result events
     */
    record Window(
            WindowShape shape,
            List<FieldAssignment> by,
            List<Aggregate> aggregates,
            EmitMode emit,
            Duration grace,
            String late,
            String type,
            OnError onError,
            SourceLocation location)
            implements Step {
        public Window {
            Objects.requireNonNull(shape, "shape");
            by = List.copyOf(by);
            aggregates = List.copyOf(aggregates);
            Objects.requireNonNull(emit, "emit");
            Objects.requireNonNull(grace, "grace");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(onError, "onError");
        }
    }

    /** When a window step emits its results. */
    enum EmitMode {
        /** Once, when the window closes. */
        FINAL,
        /** After each event that changes the window's result, and not again when it closes. */
        CHANGES
    }

    /**
     * Interval join: pairs each event of the flow's source with the events of {@code channel} that have the
     * same key and an event time in [t − before, t + after], where t is the source event's time. A pair is
     * emitted as soon as its second event is processed; the other event is bound as {@code as}. A flow with a
     * join reads every partition of both channels in one task, so the channels need not be partitioned alike.
     *
     * @param emit the pair's event, or null to pass the source event on with the other's data at
     *             {@code data.<as>}
     */
    record Join(
            String channel,
            Expression key,
            Expression otherKey,
            Duration before,
            Duration after,
            String as,
            Emit emit,
            String late,
            OnError onError,
            SourceLocation location)
            implements Step {
        public Join {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(otherKey, "otherKey");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(as, "as");
            Objects.requireNonNull(onError, "onError");
        }
    }

    /**
     * Matches a sequence of stages per key in event time, within a time bound from the first matched event, and
     * emits one event per match. Events are matched in event-time order once the watermark has passed them.
     * A repetition stage ({@code times > 1}) completes on each of its events that has enough matching events
     * within {@code within} before it; an absent last stage completes when the bound passes without a match.
     */
    record Pattern(
            Expression key,
            List<PatternStage> stages,
            Duration within,
            Emit emit,
            String late,
            OnError onError,
            SourceLocation location)
            implements Step {
        public Pattern {
            Objects.requireNonNull(key, "key");
            stages = List.copyOf(stages);
            Objects.requireNonNull(within, "within");
            Objects.requireNonNull(emit, "emit");
            Objects.requireNonNull(onError, "onError");
        }
    }
}
