package dev.flows.log.model;

import dev.flows.api.channel.Durability;
import dev.flows.log.queue.DeadLetterHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

/**
 * Model-based test of the embedded log: random sequences of appends, reads, time lookups, group commits,
 * queue polls, acks and nacks, clock moves, retention, redrives and restarts of the whole log, each run on
 * a real log (on the local disk, on a clock the test moves) and on an in-memory model, which must agree
 * after every step: what each call returns, and then every record, start and end offset, size, committed
 * offset, queue count and dead letter ({@link ModelRun}); {@link LeaseLedger} checks the queue's safety
 * rules on their own.
 *
 * <p>The seed is printed before the run; {@code -Dflows.model.seed=S} repeats a run and
 * {@code -Dflows.model.tries=N} runs more. A failure is shrunk by dropping steps (a step itself does not
 * shrink, which keeps each attempt meaningful); shrinking stops after jqwik's bound of 10 s, which
 * {@code -Djqwik.shrinking.bounded.seconds=N} raises.
 */
class EmbeddedLogModelTest {

    /** The most steps of one run. */
    private static final int MAX_STEPS = 100;

    @Property(tries = 200, afterFailure = AfterFailureMode.RANDOM_SEED, edgeCases = EdgeCasesMode.NONE)
    @AddLifecycleHook(SeedFromProperties.class)
    void shouldMatchModelForRandomOperations(@ForAll("setups") ModelSetup setup, @ForAll("steps") List<Step> steps)
            throws IOException {
        Path directory = Files.createTempDirectory("flows-log-model-");
        try (ModelRun run = new ModelRun(directory, setup)) {
            for (int i = 0; i < steps.size(); i++) {
                run.run(i, steps.get(i));
            }
            run.seen().forEach(seen -> Statistics.label("runs that saw").collect(seen));
        } finally {
            delete(directory);
        }
    }

    @Provide
    Arbitrary<ModelSetup> setups() {
        return Combinators.combine(
                        Arbitraries.of(Durability.FSYNC, Durability.OS, Durability.interval(Duration.ofMillis(10))),
                        Arbitraries.integers().between(2, 3),
                        Arbitraries.of(1024L, 2048L, 4096L),
                        Arbitraries.of(Duration.ofHours(1), Duration.ofDays(7)),
                        Arbitraries.just(Duration.ofHours(6)).injectNull(0.4),
                        Arbitraries.of(-1L, 3000L, 8000L),
                        Arbitraries.integers().between(1, 3))
                .as(ModelSetup::new);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.<Step>frequencyOf(
                        Tuple.of(8, appends()),
                        Tuple.of(3, reads()),
                        Tuple.of(1, offsetsForTime()),
                        Tuple.of(2, commits()),
                        Tuple.of(5, polls()),
                        Tuple.of(4, acks()),
                        Tuple.of(2, nacks()),
                        Tuple.of(3, advances()),
                        Tuple.of(1, Arbitraries.just(new Step.Restart())),
                        Tuple.of(2, cleanUps()),
                        Tuple.of(1, Arbitraries.just(new Step.Redrive())))
                // Steps pick leases and offsets relative to the state; shrinking one changes what it means.
                .dontShrink()
                .list()
                .ofMinSize(1)
                .ofMaxSize(MAX_STEPS)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    private static Arbitrary<Step.Append> appends() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d", "e", "").injectNull(0.3);
        Arbitrary<Step.Text> values = texts(300).injectNull(0.1);
        Arbitrary<Step.HeaderSpec> header = Combinators.combine(
                        Arbitraries.of("trace", "h", DeadLetterHeaders.ERROR), texts(6).injectNull(0.2))
                .as(Step.HeaderSpec::new);
        Arbitrary<Step.RecordSpec> record = Combinators.combine(
                        keys,
                        values,
                        header.list().ofMaxSize(2),
                        Arbitraries.integers().between(-3 * 3600, 60))
                .as(Step.RecordSpec::new);
        return record.list().ofMinSize(1).ofMaxSize(10).map(Step.Append::new);
    }

    private static Arbitrary<Step.Text> texts(int maxLength) {
        return Combinators.combine(
                        Arbitraries.integers().between(0, maxLength).withDistribution(RandomDistribution.uniform()),
                        Arbitraries.integers().between(0, 99))
                .as(Step.Text::new);
    }

    private static Arbitrary<Step.Read> reads() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(1, 20))
                .as(Step.Read::new);
    }

    private static Arbitrary<Step.OffsetForTime> offsetsForTime() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(-5 * 3600, 120))
                .as(Step.OffsetForTime::new);
    }

    private static Arbitrary<Step.Commit> commits() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 1000))
                .as(Step.Commit::new);
    }

    private static Arbitrary<Step.Poll> polls() {
        return Arbitraries.integers().between(1, 8).map(Step.Poll::new);
    }

    private static Arbitrary<Step.Ack> acks() {
        return Arbitraries.integers().between(0, 100).map(Step.Ack::new);
    }

    private static Arbitrary<Step.Nack> nacks() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 100),
                        Arbitraries.strings().alpha().ofMaxLength(10).injectNull(0.2))
                .as(Step.Nack::new);
    }

    private static Arbitrary<Step.Advance> advances() {
        return Arbitraries.of(1, 29, 30, 31, 600, 3600, 7200).map(Step.Advance::new);
    }

    private static Arbitrary<Step.CleanUp> cleanUps() {
        return Arbitraries.of(0, 3600, 4 * 3600, 7 * 3600).map(Step.CleanUp::new);
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
