package dev.flows.server.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;

/** Runs the flows CLI in-process, with a given stdin, capturing what it prints. */
final class Cli {

    private Cli() {}

    /** What one command printed and returned. */
    record Run(int exitCode, String out, String err) {}

    static Run run(String stdin, String... args) {
        return run(Clock.systemUTC(), stdin, args);
    }

    /** Runs with {@code clock} as the CLI's time (for {@code consume --since}). */
    static Run run(Clock clock, String stdin, String... args) {
        InputStream originalIn = System.in;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            CommandLine commandLine = FlowsCommand.commandLine(clock);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            int code = commandLine.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(originalIn);
        }
    }
}
