package dev.flows.workflow.decision;

import dev.flows.api.event.Event;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.workflow.Timer;
import dev.flows.api.workflow.Transition;
import dev.flows.api.workflow.Workflow;
import dev.flows.api.workflow.WorkflowAction;
import dev.flows.api.workflow.WorkflowState;
import dev.flows.api.workflow.WorkflowStep;
import dev.flows.engine.expression.EventVariables;
import dev.flows.engine.expression.ExpressionException;
import dev.flows.engine.runtime.EventFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision function of a workflow: (instance, input) to (next instance, history records, commands). It
 * reads nothing but its arguments and the compiled workflow, so a history replays to the same records (see
 * {@code HistoryReplay}). The first record of a decision that changes anything is its input's.
 *
 * <p>Rules, in the order they apply: an event of no instance starts one if it is the start event; an input of
 * an instance that has ended is ignored; an input arriving while steps run is recorded and handled once they are
 * done; an event or signal moves the instance by the first transition of its state that matches (an event that
 * matches none is not recorded; a signal always is); a timer fires only if its state was not left; entering a
 * state schedules its timers (due = the input's time + delay), then runs its steps in order: emits and table
 * updates at once, outside steps one at a time, each waiting for its outcome. A failed step cancels the state's
 * timers and runs the compensations of the steps done so far, newest step first, then enters {@code on-failure};
 * a cancellation does the same and ends {@code cancelled}. Thread-safe: each call works on copies.
 */
public final class Decider {

    /** The type of the event a timer fire gives its state's steps. */
    public static final String TIMER_EVENT = "flows.workflow.timer";

    private final CompiledWorkflow compiled;
    private final Workflow workflow;
    private final String source;

    public Decider(CompiledWorkflow compiled) {
        this.compiled = compiled;
        this.workflow = compiled.workflow();
        this.source = "/workflows/" + workflow.name();
    }

    public Workflow workflow() {
        return workflow;
    }

    /** The instance key of an event: the key expression's string or number; empty when it gives neither or fails. */
    public Optional<String> keyOf(Event event) {
        try {
            Object value = compiled.expression(workflow.key()).evaluate(EventVariables.of(event));
            if (value instanceof String text && !text.isEmpty()) {
                return Optional.of(text);
            }
            if (value instanceof Number number) {
                return Optional.of(number.toString());
            }
        } catch (ExpressionException e) {
            // an event the key does not apply to belongs to no instance
        }
        return Optional.empty();
    }

    /** Decides what {@code input} does to {@code current} (null when the key has no instance yet). */
    public Decision decide(Instance current, Input input) {
        Run run = new Run(current == null ? null : current.copy(), input.at());
        run.handle(input, false);
        run.drainDeferred();
        return run.decision();
    }

    /**
     * The outside step {@code instance} waits for, to carry out again after a restart (at least once, with the
     * same idempotency key); empty when it waits for none.
     */
    public Optional<Command.Call> pendingCall(Instance instance) {
        String step = instance.pendingStep;
        if (step == null) {
            return Optional.empty();
        }
        WorkflowAction action;
        if (instance.phase == Instance.Phase.COMPENSATING) {
            Instance.PendingCompensation next = instance.compensations.getFirst();
            action = compiled.entry(next.step().state())
                    .get(next.step().index())
                    .compensate()
                    .get(next.action());
        } else {
            action = compiled.entry(instance.state).get(instance.nextStep).action();
        }
        Run run = new Run(instance, instance.updatedAt);
        return Optional.of(new Command.Call(instance.key, step, action, run.contextEvent(step)));
    }

    private enum Outcome {
        DONE,
        PENDING,
        FAILED
    }

    /** One decision being made: the working copy and what it produced. */
    private final class Run {

        private Instance instance;
        private final Instant at;
        private final List<Event> records = new ArrayList<>();
        private final List<Command> commands = new ArrayList<>();
        private final List<Instance.ScheduledTimer> scheduled = new ArrayList<>();
        private String lastFailure;

        Run(Instance instance, Instant at) {
            this.instance = instance;
            this.at = at;
        }

        Decision decision() {
            if (instance != null && !records.isEmpty()) {
                instance.updatedAt = at;
            }
            return new Decision(instance, records, commands, scheduled);
        }

        void handle(Input input, boolean recorded) {
            switch (input) {
                case Input.Received received -> received(received, recorded);
                case Input.Signal signal -> signal(signal, recorded);
                case Input.TimerFired timer -> timer(timer, recorded);
                case Input.StepOutcome outcome -> outcome(outcome);
                case Input.Cancel cancel -> cancel(cancel);
            }
        }

        void drainDeferred() {
            while (running() && !instance.busy() && !instance.deferred.isEmpty()) {
                handle(instance.deferred.removeFirst(), true);
            }
        }

        private boolean running() {
            return instance != null && instance.status == InstanceStatus.RUNNING;
        }

        private void received(Input.Received input, boolean recorded) {
            if (instance == null) {
                if (starts(input.event())) {
                    start(input);
                }
                return;
            }
            if (!running()) {
                return;
            }
            if (instance.busy()) {
                if (awaited(Transition.Trigger.EVENT, input.event().type())) {
                    record(input);
                    instance.deferred.add(input);
                }
                return;
            }
            Optional<Transition> transition = match(Transition.Trigger.EVENT, input.event());
            if (transition.isEmpty()) {
                return;
            }
            if (!recorded) {
                record(input);
            }
            move(transition.get().target(), input.event());
        }

        private void signal(Input.Signal input, boolean recorded) {
            if (!running()) {
                return;
            }
            if (!recorded) {
                record(input);
            }
            if (instance.busy()) {
                instance.deferred.add(input);
                return;
            }
            match(Transition.Trigger.SIGNAL, input.event())
                    .ifPresent(transition -> move(transition.target(), input.event()));
        }

        private void timer(Input.TimerFired input, boolean recorded) {
            if (!running()) {
                return;
            }
            if (!recorded) {
                boolean scheduledNow =
                        instance.timers.removeIf(timer -> timer.id().equals(input.timer()));
                if (!scheduledNow) {
                    return;
                }
                record(input);
            }
            if (instance.busy()) {
                instance.deferred.add(input);
                return;
            }
            Optional<Timer> timer = timerOfCurrentState(input.timer());
            if (timer.isEmpty()) {
                return; // its state was left while it waited behind running steps
            }
            // A timer brings no data of its own: the state it enters sees the data of the event that entered the
            // state it left (a reminder still knows the order), with the timer's name and due time as extensions.
            Event previous = instance.last;
            Map<String, Object> extensions = new LinkedHashMap<>(previous.extensions());
            extensions.put("timer", input.timer());
            extensions.put("due", input.due().toString());
            Event fired = new Event(
                    eventId("timer/" + input.timer()),
                    source,
                    TIMER_EVENT,
                    Event.SPEC_VERSION,
                    instance.key,
                    input.at(),
                    previous.dataContentType(),
                    null,
                    extensions,
                    previous.data());
            move(timer.get().target(), fired);
        }

        private void outcome(Input.StepOutcome input) {
            if (!running() || instance.pendingStep == null || !instance.pendingStep.equals(input.step())) {
                return; // the outcome of a step given up by a cancellation, or repeated after a restart
            }
            record(input);
            instance.pendingStep = null;
            if (instance.phase == Instance.Phase.COMPENSATING) {
                instance.compensations.removeFirst();
                continueCompensation();
                return;
            }
            if (!input.ok()) {
                fail(input.step(), input.detail());
                return;
            }
            stepDone();
            continueEntry();
        }

        private void cancel(Input.Cancel input) {
            if (!running() || instance.cancelling) {
                return;
            }
            record(input);
            instance.cancelling = true;
            instance.pendingStep = null;
            instance.deferred.clear();
            cancelTimers();
            startCompensation(null, "cancelled: " + input.reason());
        }

        private boolean starts(Event event) {
            if (!event.type().equals(workflow.start().eventType())) {
                return false;
            }
            return workflow.start().when() == null || test(workflow.start().when(), EventVariables.of(event));
        }

        private void start(Input.Received input) {
            instance = new Instance();
            instance.key = input.key();
            instance.start(input.event());
            instance.last(input.event());
            instance.startedAt = at;
            instance.updatedAt = at;
            record(HistoryTypes.STARTED, input.recordData());
            enter(workflow.initial(), input.event(), null);
        }

        private boolean awaited(Transition.Trigger trigger, String name) {
            return workflow.states().stream()
                    .flatMap(state -> state.transitions().stream())
                    .anyMatch(transition ->
                            transition.trigger() == trigger && transition.name().equals(name));
        }

        private Optional<Transition> match(Transition.Trigger trigger, Event event) {
            Optional<WorkflowState> state = workflow.state(instance.state);
            if (state.isEmpty()) {
                return Optional.empty();
            }
            for (Transition transition : state.get().transitions()) {
                if (transition.trigger() == trigger
                        && transition.name().equals(event.type())
                        && (transition.when() == null || test(transition.when(), variables(event)))) {
                    return Optional.of(transition);
                }
            }
            return Optional.empty();
        }

        private boolean test(dev.flows.api.flow.Expression expression, Map<String, Object> variables) {
            try {
                return compiled.expression(expression).test(variables);
            } catch (ExpressionException e) {
                return false; // a condition that cannot be evaluated on this event does not hold
            }
        }

        private Optional<Timer> timerOfCurrentState(String id) {
            String prefix = instance.entries + ".t";
            if (!id.startsWith(prefix)) {
                return Optional.empty();
            }
            int index = Integer.parseInt(id.substring(prefix.length()));
            return workflow.state(instance.state).map(WorkflowState::timers).map(timers -> timers.get(index));
        }

        private void move(String target, Event trigger) {
            cancelTimers();
            enter(target, trigger, instance.state);
        }

        private void cancelTimers() {
            for (Instance.ScheduledTimer timer : instance.timers) {
                record(HistoryTypes.TIMER_CANCELLED, Map.of("timer", timer.id()));
            }
            instance.timers.clear();
        }

        private void enter(String state, Event trigger, String from) {
            instance.entries++;
            instance.state = state;
            instance.last(trigger);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("state", state);
            if (from != null) {
                data.put("from", from);
            }
            data.put("trigger", trigger.type());
            record(HistoryTypes.STATE_ENTERED, data);
            Optional<WorkflowState> declared = workflow.state(state);
            if (declared.isEmpty()) {
                finish(InstanceStatus.FAILED); // the built-in failed state
                return;
            }
            List<Timer> timers = declared.get().timers();
            for (int i = 0; i < timers.size(); i++) {
                Timer timer = timers.get(i);
                Instance.ScheduledTimer scheduledTimer = new Instance.ScheduledTimer(
                        instance.entries + ".t" + i, at.plus(timer.after()), timer.target());
                instance.timers.add(scheduledTimer);
                scheduled.add(scheduledTimer);
                record(
                        HistoryTypes.TIMER_SCHEDULED,
                        Map.of(
                                "timer",
                                scheduledTimer.id(),
                                "due",
                                scheduledTimer.due().toString(),
                                "target",
                                timer.target()));
            }
            instance.phase = Instance.Phase.ENTRY;
            instance.nextStep = 0;
            continueEntry();
        }

        private void continueEntry() {
            List<WorkflowStep> steps = compiled.entry(instance.state);
            while (instance.nextStep < steps.size()) {
                String id = instance.entries + "." + instance.nextStep;
                switch (perform(steps.get(instance.nextStep).action(), id)) {
                    case DONE -> stepDone();
                    case PENDING -> {
                        instance.pendingStep = id;
                        return;
                    }
                    case FAILED -> {
                        fail(id, lastFailure);
                        return;
                    }
                }
            }
            instance.phase = Instance.Phase.IDLE;
            if (workflow.state(instance.state).map(WorkflowState::terminal).orElse(false)) {
                finish(instance.failing ? InstanceStatus.FAILED : InstanceStatus.COMPLETED);
            }
        }

        private void stepDone() {
            WorkflowStep step = compiled.entry(instance.state).get(instance.nextStep);
            if (!step.compensate().isEmpty()) {
                instance.done.add(new Instance.DoneStep(
                        instance.entries + "." + instance.nextStep, instance.state, instance.nextStep));
            }
            instance.nextStep++;
        }

        private Outcome perform(WorkflowAction action, String step) {
            Event context = contextEvent(step);
            switch (action) {
                case WorkflowAction.EmitEvent emit -> {
                    try {
                        Event event = emitted(emit, step);
                        commands.add(new Command.Emit(emit.channel(), event));
                        record(
                                HistoryTypes.ACTION_COMPLETED,
                                Map.of("step", step, "action", "emit", "channel", emit.channel(), "id", event.id()));
                        return Outcome.DONE;
                    } catch (ExpressionException e) {
                        return failed(step, "emit", e.getMessage());
                    }
                }
                case WorkflowAction.UpdateTable update -> {
                    Map<String, Object> variables = variables(instance.last);
                    if (update.table().when() != null && !test(update.table().when(), variables)) {
                        record(HistoryTypes.ACTION_COMPLETED, Map.of("step", step, "action", "table", "skipped", true));
                        return Outcome.DONE;
                    }
                    commands.add(new Command.UpdateTable(update, variables, context));
                    record(
                            HistoryTypes.ACTION_COMPLETED,
                            Map.of(
                                    "step",
                                    step,
                                    "action",
                                    "table",
                                    "table",
                                    update.table().table()));
                    return Outcome.DONE;
                }
                case WorkflowAction.Notify ignored -> {
                    return call(
                            action,
                            step,
                            context,
                            ignored.destination() instanceof dev.flows.api.flow.Destination.ToEmail
                                    ? "email"
                                    : "webhook");
                }
                case WorkflowAction.CallHttp ignored -> {
                    return call(action, step, context, "http");
                }
            }
        }

        private Outcome call(WorkflowAction action, String step, Event context, String kind) {
            commands.add(new Command.Call(instance.key, step, action, context));
            record(HistoryTypes.ACTION_STARTED, Map.of("step", step, "action", kind, "idempotencyKey", context.id()));
            return Outcome.PENDING;
        }

        private Outcome failed(String step, String kind, String reason) {
            lastFailure = reason;
            record(HistoryTypes.ACTION_FAILED, Map.of("step", step, "action", kind, "attempts", 1L, "reason", reason));
            return Outcome.FAILED;
        }

        private Event emitted(WorkflowAction.EmitEvent emit, String step) {
            Map<String, Object> variables = variables(instance.last);
            Event event = new Event(
                    eventId(step),
                    source,
                    emit.emit().type(),
                    Event.SPEC_VERSION,
                    instance.key,
                    at,
                    "application/json",
                    null,
                    Map.of(),
                    new LinkedHashMap<String, Object>());
            for (FieldAssignment field : emit.emit().fields()) {
                event = EventFields.set(
                        event, field.path(), compiled.expression(field.value()).evaluate(variables));
            }
            return event;
        }

        private void fail(String step, String reason) {
            instance.failing = true;
            instance.failure = "step " + step + " of state '" + instance.state + "' failed: " + reason;
            cancelTimers();
            startCompensation(step, reason);
        }

        private void startCompensation(String failedStep, String reason) {
            instance.compensations.clear();
            List<String> ids = new ArrayList<>();
            for (Instance.DoneStep done : instance.done.reversed()) {
                WorkflowStep step = compiled.entry(done.state()).get(done.index());
                for (int j = 0; j < step.compensate().size(); j++) {
                    Instance.PendingCompensation compensation = new Instance.PendingCompensation(done, j);
                    instance.compensations.add(compensation);
                    ids.add(compensation.id());
                }
            }
            Map<String, Object> data = new LinkedHashMap<>();
            if (failedStep != null) {
                data.put("failed", failedStep);
            }
            data.put("reason", reason == null ? "" : reason);
            data.put("steps", List.copyOf(ids));
            record(HistoryTypes.COMPENSATING, data);
            instance.phase = Instance.Phase.COMPENSATING;
            continueCompensation();
        }

        private void continueCompensation() {
            while (!instance.compensations.isEmpty()) {
                Instance.PendingCompensation next = instance.compensations.getFirst();
                WorkflowAction action = compiled.entry(next.step().state())
                        .get(next.step().index())
                        .compensate()
                        .get(next.action());
                Outcome outcome = perform(action, next.id());
                if (outcome == Outcome.PENDING) {
                    instance.pendingStep = next.id();
                    return;
                }
                instance.compensations.removeFirst(); // a failed compensation is recorded; the others still run
            }
            instance.done.clear();
            instance.phase = Instance.Phase.IDLE;
            record(HistoryTypes.COMPENSATED, Map.of());
            if (instance.cancelling) {
                finish(InstanceStatus.CANCELLED);
            } else {
                enter(workflow.onFailure(), instance.last, instance.state);
            }
        }

        private void finish(InstanceStatus status) {
            instance.status = status;
            instance.phase = Instance.Phase.IDLE;
            instance.pendingStep = null;
            cancelTimers();
            instance.deferred.clear();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("state", instance.state);
            if (status != InstanceStatus.COMPLETED && instance.failure != null) {
                data.put("reason", instance.failure);
            }
            record(
                    switch (status) {
                        case COMPLETED, RUNNING -> HistoryTypes.COMPLETED;
                        case FAILED -> HistoryTypes.FAILED;
                        case CANCELLED -> HistoryTypes.CANCELLED;
                    },
                    data);
        }

        private Event contextEvent(String step) {
            Event trigger = instance.last;
            return new Event(
                    eventId(step),
                    source,
                    trigger.type(),
                    Event.SPEC_VERSION,
                    instance.key,
                    trigger.time(),
                    trigger.dataContentType(),
                    null,
                    trigger.extensions(),
                    trigger.data());
        }

        private Map<String, Object> variables(Event event) {
            Map<String, Object> self = new LinkedHashMap<>();
            self.put("key", instance.key);
            self.put("state", instance.state);
            self.put("status", instance.status.text());
            self.put("start", instance.startMap());
            return EventVariables.with(EventVariables.of(event), CompiledWorkflow.INSTANCE, self);
        }

        private String eventId(String step) {
            return workflow.name() + "/" + instance.key + "/" + step;
        }

        private void record(Input input) {
            record(input.recordType(), input.recordData());
        }

        private void record(String type, Map<String, Object> data) {
            String id = workflow.name() + "/" + instance.key + "/h" + instance.records++;
            records.add(new Event(
                    id, source, type, Event.SPEC_VERSION, instance.key, at, "application/json", null, Map.of(), data));
        }
    }
}
