package dev.flows.engine.definition;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.Schedule;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.workflow.Workflow;
import dev.flows.engine.expression.CelCompiler;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a flow directory: every {@code *.yaml} and {@code *.yml} file directly in it (not in
 * subdirectories), in name order, parsed and validated together, so that a flow may use a channel declared
 * in another file. Problems of all files are reported at once, sorted by file, line and column. Locations
 * name files relative to the directory, and so do enrich steps their lookup files, which are checked too.
 *
 * <p>The channels of a loaded set always include the built-in ones after the declared ones
 * ({@link #builtInChannels}): a schedule channel per scheduled flow, {@link ChannelDefinition#SYSTEM},
 * {@link ChannelDefinition#DEAD_LETTER} and {@link ChannelDefinition#DELIVERIES}, one partition each. Blocking (reads files); thread-safe.
 */
public final class FlowDirectory {

    private static final SourceLocation BUILT_IN = new SourceLocation("<built-in>", 0, 0);

    /** The built-in dead-letter channel every flow set has. */
    public static final ChannelDefinition DEAD_LETTER_CHANNEL =
            new ChannelDefinition(ChannelDefinition.DEAD_LETTER, 1, BUILT_IN);

    /** The built-in channel Flows publishes its own events on, which every flow set has. */
    public static final ChannelDefinition SYSTEM_CHANNEL = new ChannelDefinition(ChannelDefinition.SYSTEM, 1, BUILT_IN);

    /** The built-in channel of delivery attempts (webhooks now; email and push later), which every flow set has. */
    public static final ChannelDefinition DELIVERIES_CHANNEL =
            new ChannelDefinition(ChannelDefinition.DELIVERIES, 1, BUILT_IN);

    /**
     * The channels Flows declares itself for {@code flows}, in this order: the schedule channel of each
     * scheduled flow (one partition; {@link Schedule#channelOf}), the system channel, the dead-letter channel,
     * the deliveries channel.
     * A set built in Java opens these too before the runtime starts.
     */
    public static List<ChannelDefinition> builtInChannels(List<Flow> flows) {
        return builtInChannels(flows, List.of());
    }

    /**
     * The channels Flows declares itself for {@code flows} and {@code workflows}: those of {@link
     * #builtInChannels(List)}, then each workflow's history channel ({@link Workflow#historyChannel}) and signal
     * channel ({@link Workflow#signalChannel}), one partition each, so that an instance's history is in one
     * partition, in order.
     */
    public static List<ChannelDefinition> builtInChannels(List<Flow> flows, List<Workflow> workflows) {
        Map<String, ChannelDefinition> channels = new LinkedHashMap<>();
        for (Flow flow : flows) {
            if (flow.scheduled()) {
                channels.putIfAbsent(
                        flow.from(),
                        new ChannelDefinition(flow.from(), 1, flow.schedule().location()));
            }
        }
        channels.put(SYSTEM_CHANNEL.name(), SYSTEM_CHANNEL);
        channels.put(DEAD_LETTER_CHANNEL.name(), DEAD_LETTER_CHANNEL);
        channels.put(DELIVERIES_CHANNEL.name(), DELIVERIES_CHANNEL);
        for (Workflow workflow : workflows) {
            channels.putIfAbsent(
                    workflow.historyChannel(),
                    new ChannelDefinition(workflow.historyChannel(), 1, workflow.location()));
            channels.putIfAbsent(
                    workflow.signalChannel(), new ChannelDefinition(workflow.signalChannel(), 1, workflow.location()));
        }
        return List.copyOf(channels.values());
    }

    private static final Comparator<Problem> IN_FILE_ORDER = Comparator.comparing(
                    (Problem problem) -> problem.where().file())
            .thenComparingInt(problem -> problem.where().line())
            .thenComparingInt(problem -> problem.where().column());

    private FlowDirectory() {}

    /**
     * Loads and validates {@code dir}, expanding {@code ${NAME}} from the process environment.
     *
     * @throws FlowDefinitionException with every problem of every file, if there is any
     */
    public static FlowSet load(Path dir) {
        return load(dir, System.getenv(), new CelCompiler());
    }

    /**
     * Loads and validates {@code dir}.
     *
     * @param environment where {@code ${NAME}} placeholders are looked up
     * @param cel         the compiler to check expressions with (share the runtime's)
     * @throws FlowDefinitionException with every problem of every file, if there is any
     */
    public static FlowSet load(Path dir, Map<String, String> environment, CelCompiler cel) {
        Loaded loaded = read(dir, environment, cel);
        if (!loaded.problems().isEmpty()) {
            throw new FlowDefinitionException(loaded.problems());
        }
        return loaded.flows();
    }

    /** Every problem in {@code dir}, sorted by file, line and column; empty when it would load. */
    public static List<Problem> lint(Path dir) {
        return lint(dir, System.getenv(), new CelCompiler());
    }

    /** Every problem in {@code dir}, sorted by file, line and column; empty when it would load. */
    public static List<Problem> lint(Path dir, Map<String, String> environment, CelCompiler cel) {
        return read(dir, environment, cel).problems();
    }

    private record Loaded(FlowSet flows, List<Problem> problems) {}

    private static Loaded read(Path dir, Map<String, String> environment, CelCompiler cel) {
        List<Problem> problems = new ArrayList<>();
        List<Path> files = files(dir, problems);
        FlowFileParser parser = new FlowFileParser(environment);
        List<ChannelDefinition> channels = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        List<Workflow> workflows = new ArrayList<>();
        ReferenceLocations references = ReferenceLocations.none();
        for (Path path : files) {
            String name = dir.relativize(path).toString();
            try {
                FlowFile file = parser.parse(name, Files.readString(path));
                channels.addAll(file.channels());
                flows.addAll(file.flows());
                workflows.addAll(file.workflows());
                problems.addAll(file.problems());
                references = references.plus(file.references());
            } catch (CharacterCodingException e) {
                problems.add(new Problem(new SourceLocation(name, 0, 0), "is not UTF-8 text; save it as UTF-8"));
            } catch (IOException e) {
                problems.add(new Problem(
                        new SourceLocation(name, 0, 0),
                        "cannot be read: " + e + "; check that it exists and is readable"));
            }
        }
        channels.addAll(builtInChannels(flows, workflows));
        FlowSet set = new FlowSet(channels, flows, workflows);
        problems.addAll(new FlowValidator(cel, dir).validate(set, references));
        problems.sort(IN_FILE_ORDER);
        return new Loaded(set, List.copyOf(problems));
    }

    private static List<Path> files(Path dir, List<Problem> problems) {
        SourceLocation where = new SourceLocation(dir.toString(), 0, 0);
        if (!Files.isDirectory(dir)) {
            problems.add(new Problem(
                    where,
                    "the flow directory does not exist (or is not a directory); create it"
                            + " and put flow files (*.yaml or *.yml) in it, or point Flows at the right one"));
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> files = entries.filter(Files::isRegularFile)
                    .filter(path -> isFlowFile(path.getFileName().toString()))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
            if (files.isEmpty()) {
                problems.add(new Problem(
                        where,
                        "the flow directory has no flow files (*.yaml or *.yml); add one,"
                                + " e.g. flows.yaml declaring channels: and a flow:"));
            }
            return files;
        } catch (IOException e) {
            problems.add(new Problem(where, "the flow directory cannot be listed: " + e + "; check its permissions"));
            return List.of();
        }
    }

    private static boolean isFlowFile(String name) {
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith(".");
    }
}
