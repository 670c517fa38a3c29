package dev.flows.server.cli;

import dev.flows.api.error.FlowsException;
import java.io.IOException;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code flows} command: the entry point of the jar. Exit codes: 0 success; 1 when the server answered
 * with an error or could not be reached (or lint/test found problems); 2 for bad usage (picocli's usage
 * errors, and conflicting options found by a command).
 */
@Command(
        name = "flows",
        mixinStandardHelpOptions = true,
        version = "flows 0.1.0",
        description = "Event flows on one machine: ingest, durable channels, YAML flows, tables and webhooks.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the server answered with an error, it could not be reached, or a check failed",
            "2:bad usage (unknown option, missing or conflicting arguments)"
        },
        subcommands = {
            RunCommand.class,
            LintCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            ChannelCommand.class,
            FlowCommand.class,
            SqlCommand.class,
            ExportCommand.class,
            WorkflowCommand.class,
            TokenCommand.class,
            TestCommand.class,
            ExplainCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FlowsCommand {

    /** Runs the command line {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with Flows' error handling: a {@link FlowsException} prints its message (which says
     * what to do) without a stack trace and exits with 1, and so does an {@link IOException} (a connection
     * that broke mid-way); usage errors exit with 2.
     */
    public static CommandLine commandLine() {
        return commandLine(Clock.systemUTC());
    }

    /** The command line with {@code clock} as the time of {@code consume --since}: a seam for tests. */
    static CommandLine commandLine(Clock clock) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ConsumeCommand.class
                        ? type.cast(new ConsumeCommand(clock))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine commandLine = new CommandLine(new FlowsCommand(), factory);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof FlowsException) {
                cmd.getErr().println("flows: " + e.getMessage());
                return 1;
            }
            if (e instanceof IOException) {
                cmd.getErr().println(brokenConnection(cmd, (IOException) e));
                return 1;
            }
            throw e;
        });
        return commandLine;
    }

    private static String brokenConnection(CommandLine cmd, IOException e) {
        return "flows: " + cmd.getCommandName() + " stopped: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "; check that the server at --server (or FLOWS_SERVER) still runs, then run the command again";
    }
}
