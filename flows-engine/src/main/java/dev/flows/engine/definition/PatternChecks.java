package dev.flows.engine.definition;

import dev.flows.api.flow.PatternStage;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.engine.expression.ResultType;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a pattern step for {@link FlowValidator}: it has stages; their names are unique and can be read as
 * variables; only the last stage is absent, and never the first (a match starts at an event that came); the
 * stage conditions are bool; the time bound is positive; and the emitted fields compile with the stages'
 * names bound. Not thread-safe; one per flow of a run.
 */
final class PatternChecks {

    private final ValidationRun run;

    PatternChecks(ValidationRun run) {
        this.run = run;
    }

    void check(Step.Pattern pattern) {
        run.compile(pattern.key(), ResultType.ANY, Set.of());
        List<PatternStage> stages = pattern.stages();
        if (stages.isEmpty()) {
            run.problem(
                    run.references().of(pattern, ReferenceLocations.Part.STAGES, pattern.location()),
                    "a pattern needs at least one stage in its sequence, e.g. - name: checkout with when: type =="
                            + " \"shop.checkout.start\"");
        }
        Set<String> names = new LinkedHashSet<>();
        Map<String, SourceLocation> first = new HashMap<>();
        for (int index = 0; index < stages.size(); index++) {
            PatternStage stage = stages.get(index);
            SourceLocation at = run.references().of(stage, ReferenceLocations.Part.NAME, pattern.location());
            Optional<String> problem = BindingNames.check("stage name", stage.name(), "checkout");
            if (problem.isPresent()) {
                run.problem(at, problem.get());
            } else if (first.containsKey(stage.name())) {
                run.problem(
                        at,
                        "stage name '" + stage.name() + "' is used twice; the first is at " + first.get(stage.name())
                                + "; give each stage its own name");
            } else {
                first.put(stage.name(), at);
                names.add(stage.name());
            }
            absent(pattern, stage, index, at);
            run.compile(stage.condition(), ResultType.BOOL, Set.of());
        }
        if (pattern.within().isNegative() || pattern.within().isZero()) {
            run.problem(pattern.location(), "a pattern's within must be longer than zero; e.g. within: 30m");
        }
        run.emit(pattern.emit(), names, pattern.location());
    }

    private void absent(Step.Pattern pattern, PatternStage stage, int index, SourceLocation name) {
        if (!stage.absent()) {
            return;
        }
        SourceLocation at = run.references().of(stage, ReferenceLocations.Part.ABSENT, name);
        if (index == 0) {
            run.problem(
                    at,
                    "the first stage '" + stage.name() + "' cannot be absent: a match starts at an event"
                            + " that came; put a stage matching that event first, e.g. the checkout an order must follow");
        } else if (index < pattern.stages().size() - 1) {
            run.problem(
                    at,
                    "stage '" + stage.name() + "' is absent, but only the last stage may be: an absent"
                            + " stage completes when the time bound passes without a match, so no stage can follow it;"
                            + " move it to the end, or drop absent");
        }
    }
}
