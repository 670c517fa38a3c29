package dev.flows.server.cli;

import dev.flows.api.error.FlowsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flows} command: the entry point of the jar. */
@Command(
        name = "flows",
        mixinStandardHelpOptions = true,
        version = "flows 0.1.0",
        description = "Event flows on one machine: ingest, durable channels, YAML flows, tables and webhooks.",
        subcommands = {
            RunCommand.class,
            LintCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            TestCommand.class,
            ExplainCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FlowsCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with Flows' error handling: a {@link FlowsException} prints its message (which says
     * what to do) without a stack trace and exits with 1.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new FlowsCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof FlowsException) {
                cmd.getErr().println("flows: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return commandLine;
    }
}
