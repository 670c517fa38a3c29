package dev.flows.server.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code flows completion}: prints a bash (and zsh, via bashcompinit) completion script for every command. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = "Print a bash completion script; load it with: source <(flows completion)")
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("flows", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
