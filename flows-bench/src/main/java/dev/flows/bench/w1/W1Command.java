package dev.flows.bench.w1;

import dev.flows.api.channel.Durability;
import dev.flows.bench.event.EventFile;
import dev.flows.bench.event.Events;
import dev.flows.bench.log.DataDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench W1}: the durable-log workload of WORKLOADS.md against the embedded log. Loads the input into
 * memory (untimed), then per durability mode, in a fresh log: warms up (untimed), appends every event keyed
 * by subject to a fresh channel, reads it all back as one consumer group and checks the count, and measures
 * end-to-end latency at a fixed offered load. Prints one JSON line per mode on standard output, progress on
 * standard error.
 */
@Command(
        name = "W1",
        aliases = "w1",
        mixinStandardHelpOptions = true,
        description = {
            "W1 durable log: append FILE's events (key = subject) to a channel, read them back, then measure"
                    + " latency at a fixed offered load; one JSON line per durability mode.",
            "",
            "  java shared/bench/GenEvents.java 1000000 42 > /tmp/events.jsonl",
            "  ./flows bench W1 --input /tmp/events.jsonl",
            "  ./flows bench W1 --input /tmp/events.jsonl --durability fsync --appenders 4",
            ""
        })
public final class W1Command implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Events, one JSON a line.")
    Path input;

    @Option(
            names = "--durability",
            paramLabel = "fsync|os",
            converter = DurabilityConverter.class,
            description = "Run one mode only (default: fsync, then os).")
    Durability durability;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Keep the logs in DIR/w1-<mode>, which must be new or empty (default: a temporary"
                    + " directory, deleted after each mode).")
    Path data;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "4",
            description = "Partitions of the channel (default: 4).")
    int partitions;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Records per append call (default: 1000).")
    int batchSize;

    @Option(
            names = "--appenders",
            paramLabel = "N",
            defaultValue = "4",
            description = "Threads appending in the throughput run (default: 4).")
    int appenders;

    @Option(
            names = "--warmup-events",
            paramLabel = "N",
            defaultValue = "200000",
            description = "Events appended and read back untimed, on a channel of their own, before the"
                    + " throughput run, so it measures compiled code (default: 200000; 0: a cold start).")
    int warmupEvents;

    @Option(
            names = "--latency-seconds",
            paramLabel = "SECONDS",
            defaultValue = "20",
            description = "How long the latency run offers load (default: 20).")
    int latencySeconds;

    @Option(
            names = "--latency-rate",
            paramLabel = "N",
            defaultValue = "50000",
            description = "Events per second the latency run offers, in 1 ms batches (default: 50000).")
    int latencyRate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        W1Settings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = spec.commandLine().getErr();
        progress.println("W1: loading " + settings.input());
        progress.flush();
        Events events = EventFile.load(settings.input());
        JsonMapper json = JsonMapper.builder().build();
        for (Durability mode : settings.durabilities()) {
            try (DataDirectory directory = directory(settings, mode)) {
                W1Result result = W1Run.run(events, settings, mode, directory.path(), InstantSource.system(), progress);
                out.println(json.writeValueAsString(result.fields()));
                out.flush();
            }
        }
        return 0;
    }

    private W1Settings settings() {
        return new W1Settings(
                input,
                durability == null ? W1Settings.ALL_DURABILITIES : List.of(durability),
                data,
                partitions,
                batchSize,
                appenders,
                warmupEvents,
                Duration.ofSeconds(latencySeconds),
                latencyRate);
    }

    private static DataDirectory directory(W1Settings settings, Durability mode) {
        return settings.data() == null
                ? DataDirectory.temporary("flows-bench-w1-" + mode + "-")
                : DataDirectory.kept(settings.data().resolve("w1-" + mode));
    }
}
