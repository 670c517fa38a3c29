package dev.flows.server.cli;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.FlowsException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.testkit.DriverSettings;
import dev.flows.testkit.FlowTestDriver;
import dev.flows.testkit.FlowUnderTest;
import dev.flows.testkit.golden.Emitted;
import dev.flows.testkit.golden.GoldenFile;
import dev.flows.testkit.golden.GoldenFileException;
import dev.flows.testkit.golden.OutputDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flows test FLOW --input events.jsonl --expect expected.jsonl}: runs one flow in memory with {@link
 * FlowTestDriver} over the input lines, ends the input (every window closes, every absence is decided) and
 * compares what the flow emitted with the expected lines (see {@link GoldenFile}). Exit 0 when they match, 1
 * when they differ (the diff is printed) or a step whose on-error is fail stopped the flow, 2 for bad usage or
 * input: a flow with problems, a bad input or expected line (each reported as {@code file:line: ...}), a
 * missing file.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Run FLOW in memory over the --input events and compare its output with --expect.",
            "Input lines: a CloudEvent; {\"channel\": \"<name>\", \"event\": {...}} for the join's channel;"
                    + " {\"advance\": \"30s\"} to move processing time.",
            "Expected lines: {\"channel\": \"alerts\", \"type\": \"...\", \"data\": {...}} (channel may be left out"
                    + " when the flow writes to one channel), {\"table\": \"t\", \"key\": \"k\", \"row\": {...}},"
                    + " {\"webhook\": \"<url>\", \"type\": \"...\", \"data\": {...}}.",
            "Exit 0: same output; 1: different; 2: bad usage or input."
        })
final class TestCommand implements Callable<Integer> {

    static final int SAME = 0;
    static final int DIFFERENT = 1;
    static final int BAD_INPUT = 2;

    @Parameters(
            index = "0",
            paramLabel = "FLOW",
            description = "A flow file (*.yaml), or a flow directory with --flow.")
    Path flowPath;

    @Option(names = "--flow", paramLabel = "NAME", description = "Which flow of the file or directory to run.")
    String flowName;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "Input events, one JSON object per line; - reads stdin.")
    String input;

    @Option(names = "--expect", paramLabel = "FILE", description = "The expected output, one JSON object per line.")
    Path expect;

    @Option(
            names = "--write-expect",
            paramLabel = "FILE",
            description = "Write the actual output to FILE in the expected format (for golden files).")
    Path writeExpect;

    @Option(names = "--any-order", description = "Compare each channel's events as multisets, ignoring order.")
    boolean anyOrder;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (expect == null && writeExpect == null) {
            return bad("give --expect FILE to compare the output, or --write-expect FILE to record it");
        }
        FlowUnderTest flow;
        try {
            flow = load();
        } catch (FlowDefinitionException e) {
            e.problems().forEach(problem -> err().println(problem));
            err().printf("%d problem(s)%n", e.problems().size());
            return BAD_INPUT;
        }
        String inputName = input.equals("-") ? "stdin" : input;
        TestInput.Read read;
        List<Emitted> expected;
        try {
            read = new TestInput(inputName, flow.flow(), new JsonEventFormat()).read(inputText());
            expected = expect == null ? null : GoldenFile.read(expect, defaultChannel(flow));
        } catch (IOException e) {
            return bad("cannot read " + e.getMessage() + "; check the path");
        } catch (UncheckedIOException e) {
            return bad("cannot read " + e.getCause().getMessage() + "; check the path");
        } catch (GoldenFileException e) {
            return bad(e.getMessage());
        }
        if (!read.problems().isEmpty()) {
            read.problems().forEach(err()::println);
            return BAD_INPUT;
        }
        try (FlowTestDriver driver = FlowTestDriver.of(flow, DriverSettings.DEFAULT.withEnvironment(System.getenv()))) {
            if (!run(driver, read.lines(), inputName)) {
                return DIFFERENT;
            }
            return compare(GoldenFile.emitted(driver), expected);
        }
    }

    /** Writes and compares the actual output, as asked. */
    private int compare(List<Emitted> actual, List<Emitted> expected) {
        if (writeExpect != null) {
            try {
                Files.writeString(writeExpect, GoldenFile.format(actual), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return bad("cannot write " + writeExpect + ": " + e.getMessage());
            }
            out().printf("wrote %d line(s) to %s%n", actual.size(), writeExpect);
        }
        if (expected == null) {
            return SAME;
        }
        OutputDiff diff = OutputDiff.compare(expected, actual, anyOrder);
        out().print(diff.render(expect.toString()));
        out().flush(); // print() does not flush, and main() exits right after
        return diff.same() ? SAME : DIFFERENT;
    }

    /**
     * Pipes the input and ends it.
     *
     * @return false if the flow stopped (a step whose on-error is fail failed), which is reported
     */
    private boolean run(FlowTestDriver driver, List<InputLine> lines, String inputName) {
        for (InputLine line : lines) {
            try {
                switch (line) {
                    case InputLine.Source source -> driver.pipe(source.event());
                    case InputLine.Joined joined -> driver.pipeJoined(joined.event());
                    case InputLine.Advance advance -> driver.advanceTime(advance.by());
                }
            } catch (FlowsException e) {
                err().println(inputName + ":" + line.line() + ": the flow stopped: " + e.getMessage());
                return false;
            }
        }
        try {
            driver.endOfInput();
        } catch (FlowsException e) {
            err().println(inputName + ": the flow stopped at the end of the input: " + e.getMessage());
            return false;
        }
        return true;
    }

    private FlowUnderTest load() {
        var environment = System.getenv();
        if (Files.isDirectory(flowPath)) {
            if (flowName == null) {
                throw new FlowDefinitionException(List.of(new Problem(
                        new SourceLocation(flowPath.toString(), 0, 0),
                        "is a flow directory; name the flow to run with --flow NAME")));
            }
            return FlowUnderTest.fromDirectory(flowPath, flowName, environment, new CelCompiler());
        }
        return FlowUnderTest.fromFile(flowPath, flowName, environment, new CelCompiler());
    }

    private String inputText() throws IOException {
        if (input.equals("-")) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(Path.of(input), StandardCharsets.UTF_8);
    }

    /** The channel of expected lines that name none: the flow's only destination channel, if it has one. */
    private static String defaultChannel(FlowUnderTest flow) {
        Set<String> destinations = flow.destinationChannels();
        return destinations.size() == 1 ? destinations.iterator().next() : null;
    }

    private int bad(String message) {
        err().println("flows test: " + message);
        return BAD_INPUT;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
