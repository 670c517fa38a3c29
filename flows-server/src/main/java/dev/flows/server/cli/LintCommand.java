package dev.flows.server.cli;

import dev.flows.api.error.Problem;
import dev.flows.engine.definition.FlowDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flows lint DIR}: checks every flow file in DIR and prints every problem at once. Exit 1 if any. */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = "Check the flow files in DIR; print every problem.")
final class LintCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of flow files (*.yaml).")
    Path flowDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Problem> problems = FlowDirectory.lint(flowDir);
        if (problems.isEmpty()) {
            var flows = FlowDirectory.load(flowDir);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s: %d flow(s) and %d workflow(s) over %d channel(s), no problems%n",
                            flowDir,
                            flows.flows().size(),
                            flows.workflows().size(),
                            flows.channels().size());
            return 0;
        }
        problems.forEach(problem -> spec.commandLine().getErr().println(problem));
        spec.commandLine().getErr().printf("%d problem(s)%n", problems.size());
        return 1;
    }
}
