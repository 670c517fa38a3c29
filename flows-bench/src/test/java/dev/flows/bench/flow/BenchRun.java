package dev.flows.bench.flow;

import dev.flows.bench.BenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code flows bench} command run in this JVM, as the launcher runs it.
 *
 * @param exitCode what it returned
 * @param out      its standard output: the JSON lines
 * @param err      its standard error: progress and problems
 */
record BenchRun(int exitCode, String out, String err) {

    static BenchRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BenchCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new BenchRun(code, out.toString(), err.toString());
    }

    /** The JSON lines printed. */
    List<JsonNode> lines() {
        return out.lines().map(JsonMapper.shared()::readTree).toList();
    }
}
