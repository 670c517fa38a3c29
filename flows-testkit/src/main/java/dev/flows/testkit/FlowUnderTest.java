package dev.flows.testkit;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.definition.FlowFile;
import dev.flows.engine.definition.FlowFileParser;
import dev.flows.engine.definition.FlowValidator;
import dev.flows.engine.definition.ReferenceLocations;
import dev.flows.engine.expression.CelCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One flow, validated, with the channels it runs over: those its flow directory declares and those a test
 * creates because no file declares them (one partition each, default policy). What {@link FlowTestDriver}
 * runs and {@code flows explain} describes. Loading is blocking (it reads files); the record is immutable.
 *
 * @param flow      the flow
 * @param declared  channels declared in flow files (or given), and the built-in dead-letter channel
 * @param created   channels the flow names that nothing declares, created with one partition
 * @param directory where the flow's lookup files are read from
 */
public record FlowUnderTest(
        Flow flow, List<ChannelDefinition> declared, List<ChannelDefinition> created, Path directory) {

    /** Where a channel created for a test is said to come from. */
    public static final SourceLocation CREATED = new SourceLocation("<created for the test>", 0, 0);

    public FlowUnderTest {
        Objects.requireNonNull(flow, "flow");
        declared = List.copyOf(declared);
        created = List.copyOf(created);
        Objects.requireNonNull(directory, "directory");
    }

    /** Every channel to open: the declared ones, then the created ones. */
    public List<ChannelDefinition> channels() {
        return Stream.concat(declared.stream(), created.stream()).toList();
    }

    /**
     * The channels the flow's destinations and routes append to, in the order written; the dead-letter and
     * late channels are not among them.
     */
    public Set<String> destinationChannels() {
        return ChannelNames.destinations(flow);
    }

    /** The partitions of every declared channel, by name (created channels are left out). */
    public Map<String, Integer> declaredPartitions() {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        declared.forEach(channel -> partitions.put(channel.name(), channel.partitions()));
        return partitions;
    }

    /**
     * Loads one flow from a flow file. The channels declared in any flow file of the same directory are used;
     * channels the flow names that none declares are created. Only the file itself must be free of problems:
     * the other files of the directory are read for their channel declarations (and for the tables their flows
     * write, which enrich steps may read), and their own problems are left to {@code flows lint}.
     *
     * @param flowName which flow of the file, or null when the file holds exactly one
     * @param environment where {@code ${NAME}} placeholders are looked up
     * @throws FlowDefinitionException with every problem of the file, or if the flow is not there
     */
    public static FlowUnderTest fromFile(Path file, String flowName, Map<String, String> environment, CelCompiler cel) {
        Path path = file.toAbsolutePath().normalize();
        Path directory = path.getParent();
        String name = path.getFileName().toString();
        if (!Files.isRegularFile(path)) {
            throw problem(
                    new SourceLocation(file.toString(), 0, 0),
                    "the flow file does not exist (or is not a file); check the path");
        }
        FlowFileParser parser = new FlowFileParser(environment);
        FlowFile target = parse(parser, path, name);
        Flow flow;
        try {
            flow = select(target, flowName);
        } catch (FlowDefinitionException e) {
            // When the file has problems, they say why its flow could not be read.
            throw target.problems().isEmpty() ? e : new FlowDefinitionException(target.problems());
        }
        List<FlowFile> files = new ArrayList<>(List.of(target));
        for (Path sibling : siblings(directory, name)) {
            files.add(parse(parser, sibling, directory.relativize(sibling).toString()));
        }
        List<ChannelDefinition> declared = new ArrayList<>();
        files.forEach(each -> declared.addAll(each.channels()));
        List<Problem> problems = new ArrayList<>(target.problems());
        problems.addAll(validate(target, files, declared, directory, cel));
        if (!problems.isEmpty()) {
            problems.sort(
                    Comparator.comparingInt((Problem problem) -> problem.where().line())
                            .thenComparingInt(problem -> problem.where().column()));
            throw new FlowDefinitionException(problems);
        }
        return withCreated(flow, declared, directory);
    }

    /** What the validator finds in the file under test, checked together with the directory's other files. */
    private static List<Problem> validate(
            FlowFile target, List<FlowFile> files, List<ChannelDefinition> declared, Path directory, CelCompiler cel) {
        List<Flow> flows = new ArrayList<>();
        ReferenceLocations references = ReferenceLocations.none();
        for (FlowFile each : files) {
            flows.addAll(each.flows());
            references = references.plus(each.references());
        }
        return new FlowValidator(cel, directory)
                .validate(new FlowSet(validated(target, declared), flows), references).stream()
                        .filter(problem -> problem.where().file().equals(target.fileName()))
                        .toList();
    }

    /**
     * Loads one flow of a flow directory, which must load without problems ({@code flows lint} clean); its
     * declared channels are used as they are.
     *
     * @throws FlowDefinitionException with every problem of the directory, or if it has no such flow
     */
    public static FlowUnderTest fromDirectory(
            Path directory, String flowName, Map<String, String> environment, CelCompiler cel) {
        FlowSet set = FlowDirectory.load(directory, environment, cel);
        Flow flow = set.flows().stream()
                .filter(candidate -> candidate.name().equals(flowName))
                .findFirst()
                .orElseThrow(() -> problem(
                        new SourceLocation(directory.toString(), 0, 0),
                        "has no flow named '" + flowName + "'; its flows are: " + names(set.flows())));
        return new FlowUnderTest(flow, set.channels(), List.of(), directory);
    }

    /**
     * A flow built in Java, over {@code declared} channels and one-partition channels for every other it names.
     *
     * @param directory where its lookup files are read from
     * @throws FlowDefinitionException with every problem {@code flows lint} would report
     */
    public static FlowUnderTest of(Flow flow, List<ChannelDefinition> declared, Path directory, CelCompiler cel) {
        FlowUnderTest loaded = withCreated(flow, declared, directory);
        List<Problem> problems =
                new FlowValidator(cel, directory).validate(new FlowSet(loaded.channels(), List.of(flow)));
        if (!problems.isEmpty()) {
            throw new FlowDefinitionException(problems);
        }
        return loaded;
    }

    /** The flow over the first declaration of each channel, the built-in dead-letter channel and created ones. */
    private static FlowUnderTest withCreated(Flow flow, List<ChannelDefinition> declared, Path directory) {
        Map<String, ChannelDefinition> byName = new LinkedHashMap<>();
        declared.forEach(channel -> byName.putIfAbsent(channel.name(), channel));
        byName.putIfAbsent(ChannelDefinition.DEAD_LETTER, FlowDirectory.DEAD_LETTER_CHANNEL);
        List<ChannelDefinition> created = ChannelNames.of(flow).stream()
                .filter(name -> !byName.containsKey(name))
                .map(name -> new ChannelDefinition(name, 1, CREATED))
                .toList();
        return new FlowUnderTest(flow, List.copyOf(byName.values()), created, directory);
    }

    /**
     * The channels to validate a file against: every declaration as written (so that one declared twice is
     * reported), the built-in dead-letter channel unless declared, and one created channel for every other
     * name any flow of the file uses (so that the flows not under test do not fail it).
     */
    private static List<ChannelDefinition> validated(FlowFile file, List<ChannelDefinition> asWritten) {
        List<ChannelDefinition> channels = new ArrayList<>(asWritten);
        Set<String> names = new HashSet<>();
        asWritten.forEach(channel -> names.add(channel.name()));
        if (names.add(ChannelDefinition.DEAD_LETTER)) {
            channels.add(FlowDirectory.DEAD_LETTER_CHANNEL);
        }
        for (Flow flow : file.flows()) {
            for (String name : ChannelNames.of(flow)) {
                if (names.add(name)) {
                    channels.add(new ChannelDefinition(name, 1, CREATED));
                }
            }
        }
        return channels;
    }

    private static Flow select(FlowFile file, String flowName) {
        SourceLocation where = new SourceLocation(file.fileName(), 0, 0);
        if (flowName != null) {
            return file.flows().stream()
                    .filter(flow -> flow.name().equals(flowName))
                    .findFirst()
                    .orElseThrow(() -> problem(
                            where, "has no flow named '" + flowName + "'; its flows are: " + names(file.flows())));
        }
        if (file.flows().size() != 1) {
            throw problem(
                    where,
                    file.flows().isEmpty()
                            ? "has no flow; a flow file under test needs a document starting with flow: <name>"
                            : "holds " + file.flows().size() + " flows (" + names(file.flows())
                                    + "); name the one to run");
        }
        return file.flows().getFirst();
    }

    private static FlowFile parse(FlowFileParser parser, Path path, String name) {
        try {
            return parser.parse(name, Files.readString(path));
        } catch (IOException e) {
            throw problem(new SourceLocation(name, 0, 0), "cannot be read: " + e + "; check that it is readable UTF-8");
        }
    }

    /** The other flow files of the directory, in name order, as {@link FlowDirectory} reads them. */
    private static List<Path> siblings(Path directory, String exclude) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .filter(path -> {
                        String name = path.getFileName().toString();
                        return !name.equals(exclude)
                                && !name.startsWith(".")
                                && (name.endsWith(".yaml") || name.endsWith(".yml"));
                    })
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the flow directory " + directory, e);
        }
    }

    private static String names(List<Flow> flows) {
        return flows.isEmpty()
                ? "(none)"
                : String.join(", ", flows.stream().map(Flow::name).toList());
    }

    private static FlowDefinitionException problem(SourceLocation where, String message) {
        return new FlowDefinitionException(List.of(new Problem(where, message)));
    }
}
