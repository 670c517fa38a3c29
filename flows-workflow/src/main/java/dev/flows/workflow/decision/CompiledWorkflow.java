package dev.flows.workflow.decision;

import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.workflow.Transition;
import dev.flows.api.workflow.Workflow;
import dev.flows.api.workflow.WorkflowAction;
import dev.flows.api.workflow.WorkflowState;
import dev.flows.api.workflow.WorkflowStep;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.expression.CompiledExpression;
import dev.flows.engine.expression.ResultType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workflow with every expression compiled once: the key, the start condition, transition conditions, emit
 * fields and table expressions. Thread-safe once built.
 */
public final class CompiledWorkflow {

    /** The variable expressions see besides the event's: {@code key}, {@code state}, {@code start}, {@code status}. */
    public static final String INSTANCE = "instance";

    /** The extra variable of a table's {@code set}: the row's previous value. */
    public static final String ROW = "row";

    private final Workflow workflow;
    private final Map<Expression, CompiledExpression> compiled = new HashMap<>();

    /**
     * Compiles every expression of {@code workflow}.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if one does not compile (lint reports it first)
     */
    public CompiledWorkflow(Workflow workflow, CelCompiler cel) {
        this.workflow = workflow;
        compile(cel, workflow.key(), ResultType.ANY, Set.of());
        if (workflow.start().when() != null) {
            compile(cel, workflow.start().when(), ResultType.BOOL, Set.of());
        }
        for (WorkflowState state : workflow.states()) {
            for (Transition transition : state.transitions()) {
                if (transition.when() != null) {
                    compile(cel, transition.when(), ResultType.BOOL, Set.of(INSTANCE));
                }
            }
            for (WorkflowStep step : state.entry()) {
                compile(cel, step.action());
                step.compensate().forEach(action -> compile(cel, action));
            }
        }
    }

    private void compile(CelCompiler cel, WorkflowAction action) {
        switch (action) {
            case WorkflowAction.EmitEvent emit -> {
                for (FieldAssignment field : emit.emit().fields()) {
                    compile(cel, field.value(), ResultType.ANY, Set.of(INSTANCE));
                }
            }
            case WorkflowAction.UpdateTable update -> {
                compile(cel, update.table().key(), ResultType.ANY, Set.of(INSTANCE));
                if (update.table().when() != null) {
                    compile(cel, update.table().when(), ResultType.BOOL, Set.of(INSTANCE));
                }
                for (FieldAssignment field : update.table().set()) {
                    compile(cel, field.value(), ResultType.ANY, Set.of(INSTANCE, ROW));
                }
            }
            case WorkflowAction.Notify ignored -> {}
            case WorkflowAction.CallHttp ignored -> {}
        }
    }

    private void compile(CelCompiler cel, Expression expression, ResultType type, Set<String> extra) {
        compiled.put(expression, cel.compile(expression, type, extra));
    }

    public Workflow workflow() {
        return workflow;
    }

    /** The compiled form of an expression of this workflow. */
    public CompiledExpression expression(Expression expression) {
        CompiledExpression found = compiled.get(expression);
        if (found == null) {
            throw new IllegalArgumentException(
                    "expression at " + expression.location() + " is not part of workflow '" + workflow.name() + "'");
        }
        return found;
    }

    /** The steps of a state, or none for the built-in failed state. */
    public List<WorkflowStep> entry(String state) {
        return workflow.state(state).map(WorkflowState::entry).orElse(List.of());
    }
}
