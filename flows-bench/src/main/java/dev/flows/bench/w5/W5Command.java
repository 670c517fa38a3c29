package dev.flows.bench.w5;

import dev.flows.bench.event.EventFile;
import dev.flows.bench.event.Events;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench W5}: HTTP ingest (WORKLOADS.md). Loads the input into memory (untimed), then per mode starts a
 * Flows server in this process, in {@code fsync} durability, and posts the events to it over loopback from a
 * closed-loop load generator. Prints one JSON line per mode on standard output, progress on standard error.
 */
@Command(
        name = "W5",
        aliases = "w5",
        mixinStandardHelpOptions = true,
        description = {
            "W5 HTTP ingest: post FILE's events to a Flows server over loopback, in batches of 100 and one by"
                    + " one, each acknowledged once on disk (fsync); one JSON line per mode with events/s and the"
                    + " acknowledgement latency.",
            "",
            "  java shared/bench/GenEvents.java 1000000 42 > /tmp/events.jsonl",
            "  ./flows bench W5 --input /tmp/events.jsonl",
            "  ./flows bench W5 --input /tmp/events.jsonl --mode single --events 200000 --concurrency 32",
            ""
        })
public final class W5Command implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CloudEvents, one JSON a line.")
    Path input;

    @Option(
            names = "--mode",
            paramLabel = "batch-100|single",
            converter = W5ModeConverter.class,
            description = "Run one mode only (default: batch-100, then single).")
    W5Mode mode;

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "" + Integer.MAX_VALUE,
            description = "Post only the first N events of the input in each mode (default: all).")
    int events;

    @Option(
            names = "--warmup-events",
            paramLabel = "N",
            defaultValue = "100000",
            description = "Events posted untimed, to a channel of their own, before the timed pass, so it measures"
                    + " compiled code (default: 100000; 0: a cold start).")
    int warmupEvents;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "0",
            description = "Concurrent senders, each posting its next request once the last was acknowledged"
                    + " (default: 4 for batch-100, 16 for single).")
    int concurrency;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "4",
            description = "Partitions of the channel (default: 4).")
    int partitions;

    @Option(
            names = "--jdk-client",
            description = "Post with java.net.http.HttpClient (HTTP/1.1) instead of one plain socket per sender;"
                    + " the JDK client costs more CPU, taken from the server on the same machine.")
    boolean jdkClient;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        W5Settings settings = new W5Settings(
                input,
                mode == null ? W5Settings.ALL_MODES : List.of(mode),
                events,
                warmupEvents,
                concurrency,
                partitions,
                jdkClient);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = spec.commandLine().getErr();
        progress.println("W5: loading " + settings.input());
        progress.flush();
        Events loaded = EventFile.load(settings.input());
        JsonMapper json = JsonMapper.builder().build();
        for (W5Mode each : settings.modes()) {
            W5Result result = W5Run.run(loaded, settings, each, progress);
            out.println(json.writeValueAsString(result.fields()));
            out.flush();
        }
        return 0;
    }
}
