package dev.flows.engine.definition;

import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.TemplateSource;
import dev.flows.api.workflow.Timer;
import dev.flows.api.workflow.Transition;
import dev.flows.api.workflow.Workflow;
import dev.flows.api.workflow.WorkflowAction;
import dev.flows.api.workflow.WorkflowState;
import dev.flows.api.workflow.WorkflowStep;
import dev.flows.engine.expression.NameSuggestion;
import dev.flows.engine.expression.ResultType;
import dev.flows.engine.template.Template;
import dev.flows.engine.template.TemplateKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks workflows across their states and against the rest of the flow set: names declared twice, source and
 * emit channels not declared, states declared twice, {@code initial}, {@code on-failure}, transition and timer
 * targets that name no state, states no path reaches, non-terminal states with no way out, and every CEL
 * expression and template with the variables it sees ({@code instance} besides the event's; a table's {@code
 * set} sees {@code row} too). Not thread-safe; one per validation run.
 */
final class WorkflowChecks {

    /** The variable workflow expressions see besides the event's: key, state, start event, vars. */
    static final String INSTANCE = "instance";

    private static final Set<String> OVER_INSTANCE = Set.of(INSTANCE);
    private static final Set<String> OVER_ROW = Set.of(INSTANCE, FlowValidator.ROW);

    private final ValidationRun run;

    WorkflowChecks(ValidationRun run) {
        this.run = run;
    }

    void check(List<Workflow> workflows) {
        Map<String, Workflow> names = new HashMap<>();
        for (Workflow workflow : workflows) {
            Workflow first = names.putIfAbsent(workflow.name(), workflow);
            if (first != null) {
                run.problem(
                        workflow.location(),
                        "workflow '" + workflow.name() + "' is declared twice; the first is at " + first.location()
                                + "; give each workflow its own name");
            }
            check(workflow);
        }
    }

    private void check(Workflow workflow) {
        String called = "workflow '" + workflow.name() + "'";
        SourceLocation fromAt = run.references().of(workflow, ReferenceLocations.Part.FROM, workflow.location());
        for (String channel : workflow.from()) {
            run.channel(channel, fromAt, called + " reads from channel '" + channel + "', which is not declared");
        }
        run.compile(workflow.key(), ResultType.ANY, Set.of());
        if (workflow.start().when() != null) {
            run.compile(workflow.start().when(), ResultType.BOOL, Set.of());
        }
        Map<String, WorkflowState> states = states(workflow, called);
        Set<String> known = new TreeSet<>(states.keySet());
        known.add(workflow.onFailure());
        target(
                known,
                workflow.initial(),
                run.references().of(workflow, ReferenceLocations.Part.INITIAL, workflow.location()),
                "'initial'");
        if (!workflow.onFailure().equals(Workflow.FAILED)) {
            target(
                    states.keySet(),
                    workflow.onFailure(),
                    run.references().of(workflow, ReferenceLocations.Part.ON_FAILURE, workflow.location()),
                    "'on-failure'");
        }
        for (WorkflowState state : workflow.states()) {
            String where = "state '" + state.name() + "'";
            for (Transition transition : state.transitions()) {
                target(known, transition.target(), transition.location(), where + "'s transition");
                if (transition.when() != null) {
                    run.compile(transition.when(), ResultType.BOOL, OVER_INSTANCE);
                }
            }
            for (Timer timer : state.timers()) {
                target(known, timer.target(), timer.location(), where + "'s timer");
            }
            for (WorkflowStep step : state.entry()) {
                action(step.action());
                step.compensate().forEach(this::action);
            }
            if (!state.terminal()
                    && state.transitions().isEmpty()
                    && state.timers().isEmpty()) {
                run.problem(
                        state.location(),
                        where + " of " + called + " is not terminal but has no transition and no timer, so an instance"
                                + " entering it would wait for ever; add on: or after:, or mark it terminal: true");
            }
        }
        unreachable(workflow, states, called);
    }

    private Map<String, WorkflowState> states(Workflow workflow, String called) {
        Map<String, WorkflowState> states = new HashMap<>();
        for (WorkflowState state : workflow.states()) {
            WorkflowState first = states.putIfAbsent(state.name(), state);
            if (first != null) {
                run.problem(
                        state.location(),
                        "state '" + state.name() + "' of " + called + " is declared twice; the first is at "
                                + first.location() + "; give each state its own name");
            }
        }
        if (workflow.states().isEmpty()) {
            run.problem(workflow.location(), called + " has no states; declare at least the initial one under states:");
        }
        return states;
    }

    private void target(Set<String> known, String target, SourceLocation where, String what) {
        if (known.contains(target)) {
            return;
        }
        String suggestion = NameSuggestion.closest(target, known)
                .map(close -> "did you mean '" + close + "'? ")
                .orElse("");
        run.problem(
                where,
                what + " names state '" + target + "', which is not declared; " + suggestion + "the states are: "
                        + String.join(", ", known));
    }

    private void unreachable(Workflow workflow, Map<String, WorkflowState> states, String called) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(workflow.initial(), workflow.onFailure()));
        while (!next.isEmpty()) {
            String name = next.pop();
            WorkflowState state = states.get(name);
            if (!reached.add(name) || state == null) {
                continue;
            }
            state.transitions().forEach(transition -> next.push(transition.target()));
            state.timers().forEach(timer -> next.push(timer.target()));
        }
        for (WorkflowState state : workflow.states()) {
            if (!reached.contains(state.name())) {
                run.problem(
                        state.location(),
                        "state '" + state.name() + "' of " + called + " cannot be reached: no transition or timer"
                                + " leads to it from '" + workflow.initial() + "'; add one, or remove the state");
            }
        }
    }

    private void action(WorkflowAction action) {
        switch (action) {
            case WorkflowAction.EmitEvent emit -> {
                run.channel(
                        emit.channel(),
                        run.references().of(emit, ReferenceLocations.Part.CHANNEL, emit.location()),
                        "an emit step appends to channel '" + emit.channel() + "', which is not declared");
                for (FieldAssignment field : emit.emit().fields()) {
                    run.compile(field.value(), ResultType.ANY, OVER_INSTANCE);
                }
            }
            case WorkflowAction.UpdateTable update -> {
                run.compile(update.table().key(), ResultType.ANY, OVER_INSTANCE);
                if (update.table().when() != null) {
                    run.compile(update.table().when(), ResultType.BOOL, OVER_INSTANCE);
                }
                for (FieldAssignment field : update.table().set()) {
                    run.compile(field.value(), ResultType.ANY, OVER_ROW);
                }
                run.written(update.table().table());
            }
            case WorkflowAction.Notify notify -> run.destination(notify.destination());
            case WorkflowAction.CallHttp call -> {
                template(call.url(), TemplateKind.TEXT, "http url");
                if (call.body() != null) {
                    template(call.body(), TemplateKind.JSON, "http body");
                }
            }
        }
    }

    private void template(TemplateSource source, TemplateKind kind, String what) {
        Template.check(source, kind, what).forEach(problem -> run.problem(problem.where(), problem.message()));
    }
}
