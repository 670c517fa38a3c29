package dev.flows.bench;

import dev.flows.api.error.FlowsException;
import dev.flows.bench.flow.W2Command;
import dev.flows.bench.flow.W3Command;
import dev.flows.bench.flow.W4Command;
import dev.flows.bench.sql.SqlWorkload;
import dev.flows.bench.w1.W1Command;
import dev.flows.bench.w5.W5Command;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code flows bench} command, the entry point of {@code flows-bench.jar}: runs a workload of
 * {@code shared/bench/WORKLOADS.md} against Flows and prints one JSON line of figures per run, on standard
 * output, so runs of Flows and of the systems it is compared with can be collected side by side.
 *
 * <pre>
 *   java shared/bench/GenEvents.java 1000000 42 &gt; /tmp/events.jsonl
 *   ./flows bench W1 --input /tmp/events.jsonl                      # fsync, then os
 *   ./flows bench W1 --input /tmp/events.jsonl --durability os --appenders 2 --batch 500
 *   ./flows bench W2 --input /tmp/events.jsonl --out /tmp/w2       # also W3, W4 (W4a and W4b)
 *   ./flows bench W5 --input /tmp/events.jsonl                      # HTTP ingest: batch-100, then single
 *   ./flows bench SQL --input /tmp/events.jsonl                     # SQL over history and exports (DuckDB)
 *   java -jar flows-bench/target/flows-bench.jar W1 --help
 * </pre>
 */
@Command(
        name = "flows bench",
        mixinStandardHelpOptions = true,
        version = "flows-bench 0.1.0",
        description = "Run a benchmark workload (shared/bench/WORKLOADS.md) against Flows; one JSON line per run.",
        subcommands = {
            W1Command.class,
            W2Command.class,
            W3Command.class,
            W4Command.class,
            W5Command.class,
            SqlWorkload.class,
            CommandLine.HelpCommand.class
        })
public final class BenchCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with Flows' error handling: a {@link FlowsException} prints its message (which says
     * what to do) without a stack trace and exits with 1.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof FlowsException) {
                cmd.getErr().println("flows bench: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return commandLine;
    }
}
