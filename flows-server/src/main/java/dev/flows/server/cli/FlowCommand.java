package dev.flows.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code flows flow ls}: the flows of a running server, per {@code GET /flows}; {@code flows flow redrive
 * FLOW}: sends the flow's given-up notifications again, per {@code POST /flows/{flow}/redrive}; {@code flows
 * flow lint DIR}: the same as {@code flows lint DIR}.
 */
@Command(
        name = "flow",
        mixinStandardHelpOptions = true,
        description = "List a running server's flows, redrive a flow's given-up notifications, or check flow files.",
        subcommands = {FlowCommand.List.class, RedriveCommand.class, LintCommand.class})
final class FlowCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: a usage error naming the subcommands. */
    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "missing subcommand; use `flows flow ls`, `flows flow redrive FLOW` or `flows flow lint DIR`");
    }

    private static final String ROW = "%-24s %-24s %12s %10s  %s%n";

    /** {@code flows flow ls}: one line per flow with its source, events processed, lag and last error. */
    @Command(
            name = "ls",
            mixinStandardHelpOptions = true,
            description = "List flows: name, source channel, events processed, lag, last error.")
    static final class List implements Callable<Integer> {

        @Mixin
        ServerOption server;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(ROW, "NAME", "FROM", "PROCESSED", "LAG", "LAST ERROR");
            for (JsonNode flow : server.client().getJson("flows").path("flows")) {
                JsonNode error = flow.path("lastError");
                out.printf(
                        ROW,
                        flow.path("name").asString(),
                        flow.path("from").asString(),
                        flow.path("processed").asLong(),
                        flow.path("lag").asLong(),
                        error.isNull() || error.isMissingNode() ? "-" : error.asString());
            }
            out.flush();
            return 0;
        }
    }
}
