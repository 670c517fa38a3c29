package dev.flows.api.flow;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds a {@link Flow} in Java: the same model a YAML flow file is parsed into. Not thread-safe; use one
 * builder per flow.
 *
 * <pre>{@code
 * Flow flow = Flow.named("big-orders")
 *     .from("shop")
 *     .filter("type == 'shop.order.placed' && data.amount > 500.0")
 *     .toWebhook("http://127.0.0.1:9000/hook")
 *     .build();
 * }</pre>
 */
public final class FlowBuilder {

    private final String name;
    private String from;
    private final List<Step> steps = new ArrayList<>();
    private final List<Destination> to = new ArrayList<>();
    private EventTime time = EventTime.DEFAULT;
    private Schedule schedule;

    FlowBuilder(String name) {
        this.name = name;
    }

    /** Sets the source channel (and drops a schedule set before). */
    public FlowBuilder from(String channel) {
        this.from = channel;
        this.schedule = null;
        return this;
    }

    /**
     * Fires the flow every {@code interval} (aligned to the epoch), skipping fires missed while Flows was down;
     * the fired events carry {@code {"scheduled": "<instant>"}} as their data.
     */
    public FlowBuilder every(Duration interval) {
        return schedule(new Schedule.Every(interval, MissedFires.SKIP, Map.of(), SourceLocation.JAVA));
    }

    /**
     * Fires the flow at the times of a Unix cron expression (5 fields) in {@code zone}, skipping fires missed
     * while Flows was down. The expression is checked when the flow is validated or started.
     */
    public FlowBuilder cron(String expression, ZoneId zone) {
        return schedule(new Schedule.Cron(expression, zone, MissedFires.SKIP, Map.of(), SourceLocation.JAVA));
    }

    /** Fires the flow on a schedule; it then reads its own schedule channel ({@link Schedule#channelOf}). */
    public FlowBuilder schedule(Schedule newSchedule) {
        this.schedule = newSchedule;
        this.from = Schedule.channelOf(name);
        return this;
    }

    /** Adds a filter step with a CEL condition. */
    public FlowBuilder filter(String condition) {
        steps.add(new Step.Filter(Expression.of(condition), SourceLocation.JAVA));
        return this;
    }

    /** Adds a set step with one computed field. */
    public FlowBuilder set(String path, String expression) {
        steps.add(new Step.Set(List.of(new FieldAssignment(path, Expression.of(expression))), SourceLocation.JAVA));
        return this;
    }

    /** Adds a route step with one case sending matches to a channel. */
    public FlowBuilder route(String when, String channel) {
        Destination target = new Destination.ToChannel(channel, SourceLocation.JAVA);
        steps.add(new Step.Route(List.of(new RouteCase(Expression.of(when), List.of(target))), SourceLocation.JAVA));
        return this;
    }

    /** Adds a step removing fields of the data or extension attributes. */
    public FlowBuilder remove(String... paths) {
        steps.add(new Step.Remove(List.of(paths), OnError.DEAD_LETTER, SourceLocation.JAVA));
        return this;
    }

    /** Adds a step replacing the data with the result of a JSONata expression. */
    public FlowBuilder mapping(String jsonata) {
        steps.add(new Step.Mapping(jsonata, OnError.DEAD_LETTER, SourceLocation.JAVA));
        return this;
    }

    /** Adds a step looking {@code key} up in a lookup file and writing the value at {@code into}. */
    public FlowBuilder enrichFromFile(String path, String key, String into) {
        steps.add(new Step.Enrich(
                new Lookup.FromFile(path), Expression.of(key), into, null, OnError.DEAD_LETTER, SourceLocation.JAVA));
        return this;
    }

    /** Adds a step looking {@code key} up in a state table (a stream-table join) and writing the row at {@code into}. */
    public FlowBuilder enrichFromTable(String table, String key, String into) {
        steps.add(new Step.Enrich(
                new Lookup.FromTable(table), Expression.of(key), into, null, OnError.DEAD_LETTER, SourceLocation.JAVA));
        return this;
    }

    /** Adds a step turning each element of a list into an event. */
    public FlowBuilder split(String items) {
        steps.add(new Step.Split(Expression.of(items), OnError.DEAD_LETTER, SourceLocation.JAVA));
        return this;
    }

    /** Adds a step dropping events whose key was seen less than {@code within} before, in event time. */
    public FlowBuilder dedupe(String key, Duration within) {
        steps.add(new Step.Dedupe(Expression.of(key), within, OnError.DEAD_LETTER, SourceLocation.JAVA));
        return this;
    }

    /**
     * Adds a window step emitting final results of type {@code type}.
     *
     * @param by         named key expressions, in order
     * @param aggregates named aggregates such as {@code "count()"} or {@code "sum(data.amount)"}, in order
     */
    public FlowBuilder window(
            WindowShape shape, Map<String, String> by, Map<String, String> aggregates, Duration grace, String type) {
        List<FieldAssignment> keys = new ArrayList<>();
        new LinkedHashMap<>(by)
                .forEach((name, expression) -> keys.add(new FieldAssignment(name, Expression.of(expression))));
        List<Aggregate> parsed = new ArrayList<>();
        new LinkedHashMap<>(aggregates).forEach((name, call) -> parsed.add(aggregate(name, call)));
        steps.add(new Step.Window(
                shape, keys, parsed, Step.EmitMode.FINAL, grace, null, type, OnError.DEAD_LETTER, SourceLocation.JAVA));
        return this;
    }

    /**
     * Adds a pattern step.
     *
     * @param emitFields paths of the emitted event and CEL expressions over the stages' names
     */
    public FlowBuilder pattern(
            String key, List<PatternStage> stages, Duration within, String emitType, Map<String, String> emitFields) {
        List<FieldAssignment> fields = new ArrayList<>();
        new LinkedHashMap<>(emitFields)
                .forEach((path, value) -> fields.add(new FieldAssignment(path, Expression.of(value))));
        steps.add(new Step.Pattern(
                Expression.of(key),
                stages,
                within,
                new Emit(emitType, fields),
                null,
                OnError.DEAD_LETTER,
                SourceLocation.JAVA));
        return this;
    }

    /** Sets how the flow reads event time and how far out of order events may arrive. */
    public FlowBuilder eventTime(EventTime time) {
        this.time = time;
        return this;
    }

    /** Adds any step. */
    public FlowBuilder step(Step step) {
        steps.add(step);
        return this;
    }

    /** Appends passing events to a channel. */
    public FlowBuilder toChannel(String channel) {
        to.add(new Destination.ToChannel(channel, SourceLocation.JAVA));
        return this;
    }

    /** Upserts the event's data into a table under the key computed by {@code keyExpression}. */
    public FlowBuilder toTable(String table, String keyExpression) {
        to.add(new Destination.ToTable(table, Expression.of(keyExpression), List.of(), SourceLocation.JAVA));
        return this;
    }

    /**
     * Changes rows of a table under the key computed by {@code keyExpression}, as {@code update} says: computed
     * fields, merge or replace, a delete condition, a condition for the events it applies to.
     */
    public FlowBuilder toTable(String table, String keyExpression, Consumer<TableBuilder> update) {
        TableBuilder builder = new TableBuilder(table, keyExpression);
        update.accept(builder);
        to.add(builder.build());
        return this;
    }

    /** POSTs passing events to a URL with the default retry policy and dead-letter channel. */
    public FlowBuilder toWebhook(String url) {
        to.add(new Destination.ToWebhook(
                url, Map.of(), RetryPolicy.DEFAULT, ChannelDefinition.DEAD_LETTER, SourceLocation.JAVA));
        return this;
    }

    /**
     * Pushes passing events to the subscribers of a channel: to the one that {@code userExpression} (CEL) names,
     * or to every subscriber when it is null.
     */
    public FlowBuilder toPush(String channel, String userExpression) {
        Expression user = userExpression == null ? null : Expression.of(userExpression);
        to.add(new Destination.ToPush(channel, user, SourceLocation.JAVA));
        return this;
    }

    /** Adds any destination. */
    public FlowBuilder to(Destination destination) {
        to.add(destination);
        return this;
    }

    /**
     * Builds the flow.
     *
     * @throws IllegalStateException if no source channel or schedule was set
     */
    public Flow build() {
        if (from == null) {
            throw new IllegalStateException(
                    "flow '" + name + "' has no source; call from(channel), every(...) or cron(...) before build()");
        }
        return new Flow(name, from, steps, to, time, schedule, SourceLocation.JAVA);
    }

    /** Parses {@code count()} or {@code function(expression)}. */
    private static Aggregate aggregate(String name, String call) {
        String text = call.strip();
        int open = text.indexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            throw new IllegalArgumentException("aggregate '" + name
                    + "': write function(expression), such as sum(data.amount), not '" + call + "'");
        }
        String function = text.substring(0, open).strip();
        String argument = text.substring(open + 1, text.length() - 1).strip();
        for (Aggregate.Function candidate : Aggregate.Function.values()) {
            if (candidate.yamlName().equals(function)) {
                return new Aggregate(name, candidate, argument.isEmpty() ? null : Expression.of(argument));
            }
        }
        throw new IllegalArgumentException("aggregate '" + name + "': unknown function '" + function + "'");
    }
}
