package dev.flows.api.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    FlowBuilder(String name) {
        this.name = name;
    }

    /** Sets the source channel. */
    public FlowBuilder from(String channel) {
        this.from = channel;
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

    /** POSTs passing events to a URL with the default retry policy and dead-letter channel. */
    public FlowBuilder toWebhook(String url) {
        to.add(new Destination.ToWebhook(
                url, Map.of(), RetryPolicy.DEFAULT, ChannelDefinition.DEAD_LETTER, SourceLocation.JAVA));
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
     * @throws IllegalStateException if no source channel was set
     */
    public Flow build() {
        if (from == null) {
            throw new IllegalStateException("flow '" + name + "' has no source; call from(channel) before build()");
        }
        return new Flow(name, from, steps, to, SourceLocation.JAVA);
    }
}
