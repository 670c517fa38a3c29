package dev.flows.server.cli;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.definition.FlowFileParser;
import dev.flows.engine.explain.FlowExplainer;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.testkit.FlowUnderTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flows explain PATH [--flow NAME]}: prints what flows will do, as stable text ({@link FlowExplainer}).
 * PATH is a flow directory (which must lint clean) or one flow file (whose directory's channel declarations
 * are used; a channel nobody declares shows as {@code [not declared]}). Exit 0; 1 when the flows have
 * problems (printed as {@code flows lint} prints them); 2 for bad usage (no such path or flow).
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Print what the flows of PATH (a flow directory or file) will do: source, tasks, event time,"
                + " steps with their state tables, destinations.")
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "A flow directory, or one flow file (*.yaml).")
    Path path;

    @Option(names = "--flow", paramLabel = "NAME", description = "Explain only this flow.")
    String flowName;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(path)) {
            spec.commandLine()
                    .getErr()
                    .println("flows explain: " + path + " does not exist; give a flow directory or" + " a flow file");
            return 2;
        }
        Map<String, String> environment = System.getenv();
        CelCompiler cel = new CelCompiler();
        try {
            String text = Files.isDirectory(path) ? directory(environment, cel) : file(environment, cel);
            if (text == null) {
                return 2;
            }
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush(); // print() does not flush, and main() exits right after
            return 0;
        } catch (FlowDefinitionException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.problems().forEach(err::println);
            err.printf("%d problem(s)%n", e.problems().size());
            return 1;
        }
    }

    /** The directory's flows, or only the one asked for; null (reported) when it has no such flow. */
    private String directory(Map<String, String> environment, CelCompiler cel) {
        FlowSet set = FlowDirectory.load(path, environment, cel);
        if (flowName == null) {
            return FlowExplainer.explain(set);
        }
        List<Flow> named = set.flows().stream()
                .filter(flow -> flow.name().equals(flowName))
                .toList();
        if (named.isEmpty()) {
            return unknownFlow(set.flows());
        }
        return FlowExplainer.explain(new FlowSet(set.channels(), named));
    }

    /** Every flow of the file, or only the one asked for; null (reported) when it has no such flow. */
    private String file(Map<String, String> environment, CelCompiler cel) throws IOException {
        List<Flow> flows = new FlowFileParser(environment)
                .parse(path.getFileName().toString(), Files.readString(path))
                .flows();
        List<String> names = flowName == null
                ? flows.stream().map(Flow::name).toList()
                : flows.stream().map(Flow::name).filter(flowName::equals).toList();
        if (flowName != null && names.isEmpty()) {
            return unknownFlow(flows);
        }
        if (names.isEmpty()) {
            // Nothing parsed: loading reports why, with every problem of the file.
            FlowUnderTest.fromFile(path, null, environment, cel);
        }
        List<String> described = new ArrayList<>();
        for (String name : names) {
            FlowUnderTest flow = FlowUnderTest.fromFile(path, name, environment, cel);
            described.add(FlowExplainer.explain(flow.flow(), flow.declaredPartitions()));
        }
        return String.join("\n", described);
    }

    private String unknownFlow(List<Flow> flows) {
        spec.commandLine()
                .getErr()
                .println("flows explain: " + path + " has no flow named '" + flowName + "'; its flows are: "
                        + String.join(", ", flows.stream().map(Flow::name).toList()));
        return null;
    }
}
