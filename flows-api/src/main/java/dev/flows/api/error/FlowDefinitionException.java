package dev.flows.api.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One or more flow or channel definitions are wrong. The author of the flow files must act. Carries
 * every problem found, so that a whole directory is reported at once.
 */
public class FlowDefinitionException extends FlowsException {

    private final List<Problem> problems;

    public FlowDefinitionException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file then line order. */
    public List<Problem> problems() {
        return problems;
    }
}
