package dev.flows.api.flow;

import java.util.List;
import java.util.Objects;

/**
 * A flow: events from one channel, through steps, to destinations. Built by {@link FlowBuilder} in Java or
 * parsed from a YAML flow file into the same record; the engine never sees where it came from except through
 * the locations.
 *
 * @param name     unique among loaded flows; names the flow's consumer offsets
 * @param from     the source channel; for a scheduled flow its own {@link Schedule#channelOf schedule channel}
 * @param steps    in order
 * @param to       where events that pass every step go; may be empty when routes send everything
 * @param time     how event time and watermarks are read, for the stateful steps
 * @param schedule when the flow fires events into its source, or null for a flow over a channel
 * @param location where the flow was declared
 */
public record Flow(
        String name,
        String from,
        List<Step> steps,
        List<Destination> to,
        EventTime time,
        Schedule schedule,
        SourceLocation location) {

    /**
     * @throws IllegalArgumentException if a scheduled flow does not read its own schedule channel
     */
    public Flow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        steps = List.copyOf(steps);
        to = List.copyOf(to);
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(location, "location");
        if (schedule != null && !from.equals(Schedule.channelOf(name))) {
            throw new IllegalArgumentException("scheduled flow '" + name + "' must read its schedule channel '"
                    + Schedule.channelOf(name) + "', not '" + from + "'; build it with Flow.named(name).every(...)");
        }
    }

    /** A flow over a channel, without a schedule. */
    public Flow(
            String name, String from, List<Step> steps, List<Destination> to, EventTime time, SourceLocation location) {
        this(name, from, steps, to, time, null, location);
    }

    /** A flow with the default event time ({@link EventTime#DEFAULT}). */
    public Flow(String name, String from, List<Step> steps, List<Destination> to, SourceLocation location) {
        this(name, from, steps, to, EventTime.DEFAULT, location);
    }

    /** Whether a schedule fires this flow's events (it then reads {@link Schedule#channelOf its own channel}). */
    public boolean scheduled() {
        return schedule != null;
    }

    /** Whether any step keeps state in event time (dedupe, window, join, pattern). */
    public boolean stateful() {
        return steps.stream()
                .anyMatch(step -> step instanceof Step.Dedupe
                        || step instanceof Step.Window
                        || step instanceof Step.Join
                        || step instanceof Step.Pattern);
    }

    /** Starts a flow in Java. */
    public static FlowBuilder named(String name) {
        return new FlowBuilder(name);
    }
}
