package dev.flows.workflow.decision;

import static dev.flows.workflow.decision.Orders.T0;

import dev.flows.api.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scripted inputs of the {@code orders} workflow, each run through a decider: what the recorded histories hold. */
final class Scenario {

    private final Decider decider;
    private final List<Event> records = new ArrayList<>();
    private Instance instance;

    private Scenario(Decider decider) {
        this.decider = decider;
    }

    List<Event> records() {
        return records;
    }

    Instance instance() {
        return instance;
    }

    private Scenario feed(Input input) {
        Decision decision = decider.decide(instance, input);
        instance = decision.instance();
        records.addAll(decision.records());
        return this;
    }

    private static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static Scenario paidThenCompensated(Decider decider) {
        return new Scenario(decider)
                .feed(new Input.Received("o1", Orders.placed("o1", 50), T0))
                .feed(new Input.Received("o1", Orders.paid("o1", 10), at(1)))
                .feed(new Input.Received("o1", Orders.paid("o1", 50), at(2)))
                .feed(new Input.StepOutcome("o1", "2.0", true, 1, "POST answered 201", at(2)))
                .feed(new Input.StepOutcome("o1", "2.1", false, 3, "POST answered 503", at(3)));
    }

    static Scenario remindedThenCancelled(Decider decider) {
        return new Scenario(decider)
                .feed(new Input.Received("o2", Orders.placed("o2", 80), T0))
                .feed(new Input.TimerFired("o2", "1.t0", at(15), at(15).plusMillis(12)))
                .feed(new Input.TimerFired("o2", "2.t0", at(60).plusMillis(12), at(60).plusMillis(30)));
    }

    static Scenario paidWithDeferredSignal(Decider decider) {
        return new Scenario(decider)
                .feed(new Input.Received("o3", Orders.placed("o3", 5), T0))
                .feed(new Input.Received("o3", Orders.paid("o3", 5), at(3)))
                .feed(new Input.Signal("o3", signal("o3", "cancel-order"), at(4)))
                .feed(new Input.StepOutcome("o3", "2.0", true, 2, "POST answered 200", at(5)))
                .feed(new Input.StepOutcome("o3", "2.1", true, 1, "POST answered 200", at(5)));
    }

    static Scenario cancelledOverHttp(Decider decider) {
        return new Scenario(decider)
                .feed(new Input.Received("o4", Orders.placed("o4", 7), T0))
                .feed(new Input.Received("o4", Orders.paid("o4", 7), at(1)))
                .feed(new Input.StepOutcome("o4", "2.0", true, 1, "POST answered 201", at(2)))
                .feed(new Input.Cancel("o4", "customer asked", at(3)));
    }

    private static Event signal(String key, String name) {
        return new Event(
                "signal-" + key,
                "/workflows/orders/signals",
                name,
                Event.SPEC_VERSION,
                key,
                T0,
                "application/json",
                null,
                Map.of(),
                Map.of("by", "support"));
    }
}
