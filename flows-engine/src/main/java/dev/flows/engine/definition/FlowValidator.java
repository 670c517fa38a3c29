package dev.flows.engine.definition;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.IngestPolicy;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.Schedule;
import dev.flows.api.flow.Step;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.expression.ResultType;
import dev.flows.engine.schedule.CronTimetable;
import dev.flows.engine.schema.EventSchema;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a whole {@link FlowSet} at once, across files: channel and flow names declared twice, channels
 * used but not declared (from, to, route, otherwise, dead-letter, join, late), tables read by enrich steps
 * that no flow writes, and every CEL expression with the variables it sees (filters, route and stage
 * conditions must be bool; table {@code set} values see {@code row}; a join's emit sees its {@code as}; a
 * pattern's emit sees its stages by name). Also what the model can hold but a flow cannot run: pattern
 * stages (unique names that expressions can use, absent only last), window result names, JSONata mappings
 * and, when the flow directory is known, lookup files and channels' JSON Schema files (read and compiled as the
 * server will, by {@link EventSchema}); the cron expressions of schedules built in Java. The built-in
 * {@link ChannelDefinition#DEAD_LETTER} and {@link ChannelDefinition#SYSTEM} channels are always declared, and
 * so is a scheduled flow's own channel.
 *
 * <p>Works the same on flows parsed from YAML and built in Java; problems point where the offending value was
 * written when the parser recorded it ({@link ReferenceLocations}), else at the step or flow. Blocking when it
 * reads lookup and schema files. Thread-safe if its {@link CelCompiler} is (it is).
 */
public final class FlowValidator {

    /** The extra variable table {@code set} expressions see: the row's previous value. */
    public static final String ROW = "row";

    private final CelCompiler cel;
    private final Path directory;

    /** A validator compiling expressions with {@code cel}, leaving lookup files unchecked. */
    public FlowValidator(CelCompiler cel) {
        this.cel = Objects.requireNonNull(cel, "cel");
        this.directory = null;
    }

    /**
     * A validator compiling expressions with {@code cel} and reading lookup files relative to {@code directory}
     * (as the runtime will), so that a missing or malformed one is reported.
     */
    public FlowValidator(CelCompiler cel, Path directory) {
        this.cel = Objects.requireNonNull(cel, "cel");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** Validates flows built in Java or without reference locations. */
    public List<Problem> validate(FlowSet flows) {
        return validate(flows, ReferenceLocations.none());
    }

    /**
     * Validates every flow and channel of {@code flows}.
     *
     * @param references where names and values were written, to point at them; {@link ReferenceLocations#none()}
     *     points at the flow, step or destination instead
     * @return every problem, in the order found (channels, then flow by flow); empty when all is well
     */
    public List<Problem> validate(FlowSet flows, ReferenceLocations references) {
        ValidationRun run = new ValidationRun(cel, references, directory);
        flows.channels().forEach(run::declare);
        flows.channels().forEach(channel -> schema(run, channel));
        Map<String, Flow> names = new HashMap<>();
        for (Flow flow : flows.flows()) {
            name(run, names, flow);
            destinations(flow).forEach(destination -> {
                if (destination instanceof Destination.ToTable table) {
                    run.written(table.table());
                }
            });
        }
        flows.flows().forEach(flow -> check(run, flow));
        new WorkflowChecks(run).check(flows.workflows());
        flows.channels().forEach(channel -> deadLetter(run, channel));
        return run.problems();
    }

    private static void name(ValidationRun run, Map<String, Flow> names, Flow flow) {
        Flow first = names.putIfAbsent(flow.name(), flow);
        if (first != null) {
            run.problem(
                    flow.location(),
                    "flow '" + flow.name() + "' is declared twice; the first" + " is at " + first.location()
                            + "; give each flow its own name");
        }
    }

    private static void check(ValidationRun run, Flow flow) {
        if (flow.scheduled()) {
            schedule(run, flow); // its channel is built in
        } else {
            run.channel(
                    flow.from(),
                    run.references().from(flow),
                    "flow '" + flow.name() + "' reads from channel '" + flow.from() + "', which is not declared");
        }
        if (flow.time().timestamp() != null) {
            run.compile(flow.time().timestamp(), ResultType.ANY, Set.of());
        }
        StepChecks steps = new StepChecks(run, flow);
        flow.steps().forEach(steps::check);
        flow.to().forEach(run::destination);
    }

    /** Loads a channel's schema file as the server will, when the flow directory is known. */
    private static void schema(ValidationRun run, ChannelDefinition channel) {
        IngestPolicy ingest = channel.ingest();
        if (ingest.schema() == null) {
            return;
        }
        run.directory().ifPresent(directory -> {
            try {
                EventSchema.load(directory.resolve(ingest.schema()), ingest.schema(), directory);
            } catch (FlowDefinitionException e) {
                e.problems().forEach(problem -> run.problem(ingest.schemaLocation(), "schema file " + problem));
            } catch (InvalidPathException e) {
                run.problem(
                        ingest.schemaLocation(),
                        "schema file '" + ingest.schema() + "' is not a valid path: " + e.getReason()
                                + "; give a path relative to the flow directory, e.g. schemas/orders.json");
            }
        });
    }

    /** A schedule built in Java is checked here; one read from YAML was checked by the reader, where it was written. */
    private static void schedule(ValidationRun run, Flow flow) {
        if (flow.schedule() instanceof Schedule.Cron cron) {
            CronTimetable.problem(cron.expression())
                    .ifPresent(problem -> run.problem(
                            cron.location(),
                            "flow '" + flow.name() + "': cron expression '" + cron.expression() + "' is not valid: "
                                    + problem + "; write 5 fields (minute hour day-of-month month day-of-week),"
                                    + " e.g. \"0 2 * * *\""));
        }
    }

    private static void deadLetter(ValidationRun run, ChannelDefinition channel) {
        run.channel(
                channel.policy().deadLetter(),
                channel.location(),
                "the queue dead-letter channel '" + channel.policy().deadLetter() + "' of channel '"
                        + channel.name() + "' is not declared (leave queue.dead-letter out to use "
                        + ChannelDefinition.DEAD_LETTER + ")");
    }

    /** Every destination of a flow: its own and those of its routes. */
    private static Stream<Destination> destinations(Flow flow) {
        Stream<Destination> routed = flow.steps().stream()
                .flatMap(step -> step instanceof Step.Route route
                        ? Stream.concat(
                                route.cases().stream().map(RouteCase::to).flatMap(List::stream),
                                route.otherwise().stream())
                        : Stream.empty());
        return Stream.concat(flow.to().stream(), routed);
    }
}
