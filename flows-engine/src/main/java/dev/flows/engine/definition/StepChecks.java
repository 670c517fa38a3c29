package dev.flows.engine.definition;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.Lookup;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.engine.expression.NameSuggestion;
import dev.flows.engine.expression.ResultType;
import java.nio.file.InvalidPathException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the steps of one flow for {@link FlowValidator}: their expressions with the variables each sees,
 * the channels they name, their lookups and mappings. Windows and patterns have their own checks ({@link
 * WindowChecks}, {@link PatternChecks}). Not thread-safe; one per flow of a run.
 */
final class StepChecks {

    private final ValidationRun run;
    private final Flow flow;
    private final WindowChecks windows;
    private final PatternChecks patterns;

    StepChecks(ValidationRun run, Flow flow) {
        this.run = run;
        this.flow = flow;
        this.windows = new WindowChecks(run);
        this.patterns = new PatternChecks(run);
    }

    void check(Step step) {
        switch (step) {
            case Step.Filter filter -> run.compile(filter.condition(), ResultType.BOOL, Set.of());
            case Step.Set set -> set.fields().forEach(field -> run.compile(field.value(), ResultType.ANY, Set.of()));
            case Step.Remove ignored -> {} // its paths are all it has, and the parser checked them
            case Step.Mapping mapping -> mapping(mapping);
            case Step.Enrich enrich -> enrich(enrich);
            case Step.Route route -> route(route);
            case Step.Split split -> run.compile(split.items(), ResultType.ANY, Set.of());
            case Step.Dedupe dedupe -> {
                run.compile(dedupe.key(), ResultType.ANY, Set.of());
                positive(dedupe.within(), "a dedupe's within", dedupe.location());
            }
            case Step.Window window -> {
                windows.check(window);
                late(window.late(), window, "window");
            }
            case Step.Join join -> join(join);
            case Step.Pattern pattern -> {
                patterns.check(pattern);
                late(pattern.late(), pattern, "pattern");
            }
        }
    }

    private void mapping(Step.Mapping mapping) {
        SourceLocation start = run.references().of(mapping, ReferenceLocations.Part.JSONATA, mapping.location());
        JsonataSyntax.check(new Expression(mapping.jsonata(), start))
                .ifPresent(problem -> run.problem(problem.where(), problem.message()));
    }

    private void enrich(Step.Enrich enrich) {
        run.compile(enrich.key(), ResultType.ANY, Set.of());
        if (enrich.fallback() != null) {
            run.compile(enrich.fallback(), ResultType.ANY, Set.of());
        }
        SourceLocation where = run.references().of(enrich.lookup(), ReferenceLocations.Part.LOOKUP, enrich.location());
        switch (enrich.lookup()) {
            case Lookup.FromFile file -> lookupFile(file.path(), where);
            case Lookup.FromTable table -> lookupTable(table.table(), where);
        }
    }

    /** Loads the file as the runtime will, when the flow directory is known. */
    private void lookupFile(String path, SourceLocation where) {
        run.directory().ifPresent(directory -> {
            try {
                LookupFile.load(directory.resolve(path), path);
            } catch (FlowDefinitionException e) {
                e.problems().forEach(problem -> run.problem(where, "lookup file " + problem));
            } catch (InvalidPathException e) {
                run.problem(
                        where,
                        "lookup file '" + path + "' is not a valid path: " + e.getReason()
                                + "; give a path relative to the flow directory, e.g. regions.json");
            }
        });
    }

    /** Only flows write tables, so a table none of them writes is a misspelling or a forgotten flow. */
    private void lookupTable(String table, SourceLocation where) {
        if (run.tables().contains(table)) {
            return;
        }
        String advice = NameSuggestion.closest(table, run.tables())
                .map(close -> "did you mean '" + close + "'? ")
                .orElse("write it with a table destination, e.g. to: [{table: {name: " + table + ", key: data.id}}]. ");
        run.problem(
                where,
                "no flow writes table '" + table + "', so every lookup would miss; " + advice
                        + "The tables flows write are: "
                        + (run.tables().isEmpty() ? "none" : String.join(", ", run.tables())));
    }

    private void route(Step.Route route) {
        for (RouteCase routeCase : route.cases()) {
            run.compile(routeCase.when(), ResultType.BOOL, Set.of());
            routeCase.to().forEach(run::destination);
        }
        route.otherwise().forEach(run::destination);
    }

    private void join(Step.Join join) {
        SourceLocation at = run.references().of(join, ReferenceLocations.Part.CHANNEL, join.location());
        run.channel(
                join.channel(),
                at,
                "flow '" + flow.name() + "' joins channel '" + join.channel() + "', which is not declared");
        // The runtime feeds a flow's one joined channel into its join step; two would need two such inputs.
        if (flow.steps().stream()
                        .filter(Step.Join.class::isInstance)
                        .findFirst()
                        .orElseThrow()
                != join) {
            run.problem(
                    at,
                    "flow '" + flow.name() + "' has a second join step; a flow joins one other channel, so join"
                            + " the result in a second flow that reads this flow's output");
        }
        run.compile(join.key(), ResultType.ANY, Set.of());
        if (join.otherKey() != join.key()) {
            run.compile(join.otherKey(), ResultType.ANY, Set.of());
        }
        if (join.before().isNegative() || join.after().isNegative()) {
            run.problem(join.location(), "a join's within must not be negative; e.g. before: 0s, after: 30m");
        }
        SourceLocation asAt = run.references().of(join, ReferenceLocations.Part.AS, join.location());
        Optional<String> asProblem = BindingNames.check("join 'as' name", join.as(), "payment");
        asProblem.ifPresent(message -> run.problem(asAt, message));
        if (join.emit() != null) {
            run.emit(join.emit(), asProblem.isEmpty() ? Set.of(join.as()) : Set.of(), join.location());
        }
        late(join.late(), join, "join");
    }

    private void late(String late, Step step, String kind) {
        if (late != null) {
            run.channel(
                    late,
                    run.references().of(step, ReferenceLocations.Part.LATE, step.location()),
                    "the late channel '" + late + "' of a " + kind + " is not declared");
        }
    }

    private void positive(Duration duration, String what, SourceLocation where) {
        if (duration.isNegative() || duration.isZero()) {
            run.problem(where, what + " must be longer than zero; e.g. 10m");
        }
    }
}
