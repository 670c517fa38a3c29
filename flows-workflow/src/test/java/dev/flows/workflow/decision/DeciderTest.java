package dev.flows.workflow.decision;

import static dev.flows.workflow.decision.Orders.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderTest {

    private final Decider decider = Orders.decider();
    private Instance instance;
    private Decision last;

    private List<String> feed(Input input) {
        last = decider.decide(instance, input);
        instance = last.instance();
        return last.records().stream()
                .map(r -> r.type().substring("flows.workflow.".length()))
                .toList();
    }

    private static Instant at(Duration after) {
        return T0.plus(after);
    }

    @Test
    void shouldStartOnThePlacedEventAndScheduleTheReminderFifteenMinutesAfterEntering() {
        assertThat(feed(new Input.Received("o1", Orders.placed("o1", 50), T0)))
                .containsExactly("started", "state-entered", "timer-scheduled");
        assertThat(instance.state()).isEqualTo("placed");
        assertThat(instance.timers()).singleElement().satisfies(timer -> {
            assertThat(timer.due()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
            assertThat(timer.target()).isEqualTo("reminded");
        });
        assertThat(last.scheduled()).hasSize(1);
        assertThat(last.records().getFirst().id()).isEqualTo("orders/o1/h0");
    }

    @Test
    void shouldNotStartOnAnEventThatIsNotTheStartOrFailsItsCondition() {
        assertThat(feed(new Input.Received("o1", Orders.placed("o1", 0), T0))).isEmpty();
        assertThat(instance).isNull();
        assertThat(feed(new Input.Received("o1", Orders.paid("o1", 10), T0))).isEmpty();
        assertThat(instance).isNull();
    }

    @Test
    void shouldIgnoreAPaymentBelowTheOrderAmountWithoutRecordingIt() {
        feed(new Input.Received("o1", Orders.placed("o1", 50), T0));
        assertThat(feed(new Input.Received("o1", Orders.paid("o1", 20), at(Duration.ofMinutes(1)))))
                .isEmpty();
        assertThat(instance.state()).isEqualTo("placed");
    }

    @Test
    void shouldFireTheReminderThenCancelAfterTheSecondTimer() {
        feed(new Input.Received("o1", Orders.placed("o1", 50), T0));
        assertThat(feed(new Input.TimerFired("o1", "1.t0", at(Duration.ofMinutes(15)), at(Duration.ofMinutes(15)))))
                .containsExactly("timer-fired", "state-entered", "timer-scheduled", "action-completed");
        assertThat(last.commands()).singleElement().isInstanceOfSatisfying(Command.Emit.class, emit -> {
            assertThat(emit.event().type()).isEqualTo("shop.order.reminded");
            assertThat(emit.event().id()).isEqualTo("orders/o1/2.0");
            // `data` after a timer is the data of the event that entered the state before: the order placed.
            assertThat(emit.event().data()).isEqualTo(Map.of("order", "o1", "amount", 50L));
        });
        assertThat(instance.timers().getFirst().due()).isEqualTo(at(Duration.ofMinutes(60)));
        assertThat(feed(new Input.TimerFired("o1", "2.t0", at(Duration.ofMinutes(60)), at(Duration.ofMinutes(60)))))
                .containsExactly("timer-fired", "state-entered", "action-completed", "completed");
        assertThat(instance.status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(instance.state()).isEqualTo("cancelled");
    }

    @Test
    void shouldIgnoreATimerOfAStateAlreadyLeft() {
        feed(new Input.Received("o1", Orders.placed("o1", 50), T0));
        feed(new Input.Signal("o1", signal("cancel-order"), at(Duration.ofMinutes(1))));
        assertThat(instance.status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(feed(new Input.TimerFired("o1", "1.t0", at(Duration.ofMinutes(15)), at(Duration.ofMinutes(15)))))
                .isEmpty();
    }

    @Test
    void shouldRunOutsideStepsOneAtATimeAndCompensateDoneStepsNewestFirstWhenOneFails() {
        feed(new Input.Received("o1", Orders.placed("o1", 50), T0));
        assertThat(feed(new Input.Received("o1", Orders.paid("o1", 50), at(Duration.ofMinutes(1)))))
                .containsExactly("event-received", "timer-cancelled", "state-entered", "action-started");
        Command.Call reserve = (Command.Call) last.commands().getFirst();
        assertThat(reserve.step()).isEqualTo("2.0");
        assertThat(reserve.event().id()).isEqualTo("orders/o1/2.0");
        assertThat(reserve.event().subject()).isEqualTo("o1");
        assertThat(instance.pendingStep()).isEqualTo("2.0");
        assertThat(decider.pendingCall(instance)).contains(reserve);

        assertThat(feed(new Input.StepOutcome("o1", "2.0", true, 1, "201", at(Duration.ofMinutes(2)))))
                .containsExactly("action-completed", "action-started");
        assertThat(instance.done()).extracting(Instance.DoneStep::id).containsExactly("2.0");

        assertThat(feed(new Input.StepOutcome("o1", "2.1", false, 1, "503", at(Duration.ofMinutes(3)))))
                .containsExactly(
                        "action-failed",
                        "compensating",
                        "action-completed",
                        "compensated",
                        "state-entered",
                        "action-completed",
                        "failed");
        assertThat(last.commands())
                .extracting(command -> ((Command.Emit) command).event().type())
                .containsExactly("shop.reservation.released", "shop.order.cancelled");
        assertThat(instance.status()).isEqualTo(InstanceStatus.FAILED);
        assertThat(instance.failure()).contains("2.1").contains("503");
    }

    @Test
    void shouldIgnoreAnOutcomeOfAStepItDoesNotWaitFor() {
        feed(new Input.Received("o1", Orders.placed("o1", 50), T0));
        feed(new Input.Received("o1", Orders.paid("o1", 50), at(Duration.ofMinutes(1))));
        assertThat(feed(new Input.StepOutcome("o1", "9.9", true, 1, "x", at(Duration.ofMinutes(2)))))
                .isEmpty();
    }

    @Test
    void shouldDeferASignalThatArrivesWhileStepsRunAndDropItWhenTheInstanceEnds() {
        feed(new Input.Received("o1", Orders.placed("o1", 50), T0));
        feed(new Input.Received("o1", Orders.paid("o1", 50), at(Duration.ofMinutes(1))));
        assertThat(feed(new Input.Signal("o1", signal("cancel-order"), at(Duration.ofMinutes(2)))))
                .containsExactly("signal-received");
        assertThat(instance.deferred()).hasSize(1);
        feed(new Input.StepOutcome("o1", "2.0", true, 1, "ok", at(Duration.ofMinutes(3))));
        assertThat(feed(new Input.StepOutcome("o1", "2.1", true, 1, "ok", at(Duration.ofMinutes(3)))))
                .containsExactly("action-completed", "action-completed", "completed");
        assertThat(instance.state()).isEqualTo("paid");
        assertThat(instance.deferred()).isEmpty();
    }

    @Test
    void shouldCancelByCompensatingAndEndCancelled() {
        feed(new Input.Received("o1", Orders.placed("o1", 50), T0));
        feed(new Input.Received("o1", Orders.paid("o1", 50), at(Duration.ofMinutes(1))));
        feed(new Input.StepOutcome("o1", "2.0", true, 1, "ok", at(Duration.ofMinutes(2))));
        assertThat(feed(new Input.Cancel("o1", "customer asked", at(Duration.ofMinutes(3)))))
                .containsExactly("cancel-requested", "compensating", "action-completed", "compensated", "cancelled");
        assertThat(instance.status()).isEqualTo(InstanceStatus.CANCELLED);
        // the outcome of the step abandoned by the cancellation changes nothing
        assertThat(feed(new Input.StepOutcome("o1", "2.1", true, 1, "late", at(Duration.ofMinutes(4)))))
                .isEmpty();
    }

    @Test
    void shouldRoundTripASnapshotWithDeferredInputs() {
        feed(new Input.Received("o1", Orders.placed("o1", 50), T0));
        feed(new Input.Received("o1", Orders.paid("o1", 50), at(Duration.ofMinutes(1))));
        feed(new Input.Signal("o1", signal("cancel-order"), at(Duration.ofMinutes(2))));
        Instance copy = InstanceCodec.decode(InstanceCodec.encode(instance));
        assertThat(InstanceCodec.toMap(copy)).isEqualTo(InstanceCodec.toMap(instance));
    }

    private static Event signal(String name) {
        return new Event(
                "s-1", "/workflows/orders/signals", name, Event.SPEC_VERSION, "o1", T0, null, null, Map.of(), null);
    }
}
