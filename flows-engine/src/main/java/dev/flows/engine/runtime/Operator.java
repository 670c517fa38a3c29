package dev.flows.engine.runtime;

import dev.flows.engine.expression.CompiledExpression;
import java.util.List;

/** A step compiled for execution. Stateless, so one instance serves every partition task of a flow. */
sealed interface Operator {

    /** Drops events for which the condition is false. */
    record Filter(CompiledExpression condition) implements Operator {}

    /** Sets computed fields in order, each seeing the ones before it. */
    record Set(List<Assignment> fields) implements Operator {}

    /** Sends an event to the outputs of the first matching case, which ends its way through the flow. */
    record Route(List<Case> cases) implements Operator {}

    /** One route case. */
    record Case(CompiledExpression when, List<Output> outputs) {}
}
