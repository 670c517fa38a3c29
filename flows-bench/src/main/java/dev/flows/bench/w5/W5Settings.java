package dev.flows.bench.w5;

import dev.flows.api.error.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to run W5. Immutable; the constructor checks every setting and reports all problems at once.
 *
 * @param input        the JSON-lines file of CloudEvents
 * @param modes        the modes to run, in order
 * @param events       how many of the input's events each mode posts, at least 1 (the input's size caps it)
 * @param warmupEvents events posted, untimed, to a channel of their own before the timed pass, at least 0
 * @param concurrency  concurrent senders, at least 1; 0 takes each mode's {@link W5Mode#defaultConcurrency()}
 * @param partitions   partitions of the channels, at least 1
 * @param jdkClient    post with the JDK's HttpClient rather than with plain sockets ({@link SocketIngestClient}
 *                     says why that is the default)
 */
public record W5Settings(
        Path input,
        List<W5Mode> modes,
        int events,
        int warmupEvents,
        int concurrency,
        int partitions,
        boolean jdkClient) {

    /** The modes W5 measures when none is chosen, in the order they run. */
    public static final List<W5Mode> ALL_MODES = List.of(W5Mode.BATCH_100, W5Mode.SINGLE);

    /**
     * Checks every setting.
     *
     * @throws ConfigurationException listing each one out of range
     */
    public W5Settings {
        Objects.requireNonNull(input, "input");
        modes = List.copyOf(modes);
        List<String> problems = new ArrayList<>();
        atLeast(problems, "--events", events, 1);
        atLeast(problems, "--warmup-events", warmupEvents, 0);
        atLeast(problems, "--concurrency", concurrency, 0);
        atLeast(problems, "--partitions", partitions, 1);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join(System.lineSeparator(), problems));
        }
    }

    /** The senders {@code mode} runs with. */
    public int senders(W5Mode mode) {
        return concurrency == 0 ? mode.defaultConcurrency() : concurrency;
    }

    private static void atLeast(List<String> problems, String option, long value, long min) {
        if (value < min) {
            problems.add(option + " is " + value + "; it must be at least " + min);
        }
    }
}
