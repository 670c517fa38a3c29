package dev.flows.bench.w1;

import dev.flows.api.channel.Durability;
import dev.flows.api.error.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to run W1. Immutable; the constructor checks every setting and reports all problems at once.
 *
 * @param input           the JSON-lines file of events
 * @param durabilities    the modes to run, in order, each {@link Durability#FSYNC} or {@link Durability#OS}
 * @param data            where to keep the logs (one directory per mode under it), or null for a temporary
 *                        directory deleted after each mode
 * @param partitions      partitions of the channel, at least 1
 * @param batchSize       records per append call in the throughput run, at least 1
 * @param appenders       threads appending in the throughput run, at least 1
 * @param warmupEvents    events appended and read back, untimed, before the throughput run, at least 0
 * @param latencyDuration how long the latency run offers load, at least 1 s
 * @param latencyRate     events per second the latency run offers, at least 1
 */
public record W1Settings(
        Path input,
        List<Durability> durabilities,
        Path data,
        int partitions,
        int batchSize,
        int appenders,
        int warmupEvents,
        Duration latencyDuration,
        int latencyRate) {

    /** The modes W1 measures when none is chosen, in the order they run. */
    public static final List<Durability> ALL_DURABILITIES = List.of(Durability.FSYNC, Durability.OS);

    /**
     * Checks every setting.
     *
     * @throws ConfigurationException listing each one out of range
     */
    public W1Settings {
        Objects.requireNonNull(input, "input");
        durabilities = List.copyOf(durabilities);
        Objects.requireNonNull(latencyDuration, "latencyDuration");
        List<String> problems = new ArrayList<>();
        for (Durability durability : durabilities) {
            if (!ALL_DURABILITIES.contains(durability)) {
                problems.add("--durability " + durability + " is not one W1 measures; use fsync or os");
            }
        }
        atLeast(problems, "--partitions", partitions, 1);
        atLeast(problems, "--batch", batchSize, 1);
        atLeast(problems, "--appenders", appenders, 1);
        atLeast(problems, "--warmup-events", warmupEvents, 0);
        atLeast(problems, "--latency-seconds", latencyDuration.toSeconds(), 1);
        atLeast(problems, "--latency-rate", latencyRate, 1);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join(System.lineSeparator(), problems));
        }
    }

    private static void atLeast(List<String> problems, String option, long value, long min) {
        if (value < min) {
            problems.add(option + " is " + value + "; it must be at least " + min);
        }
    }
}
