package dev.flows.bench.flow;

import static dev.flows.bench.reference.SameRows.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.flows.bench.reference.Expected;
import dev.flows.bench.reference.GeneratedEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * W2, W3 and W4 end to end on inputs of GenEvents (a few sizes and seeds), each output compared in full,
 * as a multiset of JSON objects, with the plain-Java computation of {@link Expected}, and each count of the
 * JSON line with the rows written.
 */
class FlowWorkloadsTest {

    @TempDir
    static Path temp;

    /** Inputs by size and seed, generated and computed once for every test. */
    private static final Map<String, Input> INPUTS = new ConcurrentHashMap<>();

    private record Input(Path file, Expected expected) {}

    static Stream<Arguments> inputs() {
        return Stream.of(arguments(20_000, 1L), arguments(35_000, 7L), arguments(50_000, 42L));
    }

    /** Generates and computes every input at once, the child JVMs side by side. */
    @BeforeAll
    static void generateInputs() {
        inputs().parallel().forEach(arguments -> {
            int events = (int) arguments.get()[0];
            long seed = (long) arguments.get()[1];
            try {
                Path file =
                        GeneratedEvents.write(temp.resolve("events-" + events + "-" + seed + ".jsonl"), events, seed);
                INPUTS.put(key(events, seed), new Input(file, Expected.of(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while generating " + key(events, seed), e);
            }
        });
    }

    @ParameterizedTest(name = "{0} events, seed {1}")
    @MethodSource("inputs")
    void shouldWriteExactlyTheCartsAndOrdersOfW2(int events, long seed) {
        Input input = input(events, seed);
        Path out = temp.resolve("w2-" + seed);

        JsonNode line = runOne("W2", input, events, out);

        assertSameRows(out.resolve("carts.jsonl"), input.expected().carts());
        assertSameRows(out.resolve("orders.jsonl"), input.expected().orders());
        assertThat(line.get("carts").asLong())
                .isEqualTo(input.expected().carts().size());
        assertThat(line.get("orders").asLong())
                .isEqualTo(input.expected().orders().size());
    }

    @ParameterizedTest(name = "{0} events, seed {1}")
    @MethodSource("inputs")
    void shouldWriteExactlyTheWindowsOfW3(int events, long seed) {
        Input input = input(events, seed);
        Path out = temp.resolve("w3-" + seed);

        JsonNode line = runOne("W3", input, events, out);

        assertThat(input.expected().lateCarts()).as("late cart adds").isZero();
        assertSameRows(out.resolve("windows.jsonl"), input.expected().windows());
        assertThat(line.get("windows").asLong())
                .isEqualTo(input.expected().windows().size());
    }

    @ParameterizedTest(name = "{0} events, seed {1}")
    @MethodSource("inputs")
    void shouldWriteExactlyTheAlertsOfW4aAndTheAbandonedCheckoutsOfW4b(int events, long seed) {
        Input input = input(events, seed);
        Path out = temp.resolve("w4-" + seed);

        BenchRun run = BenchRun.of(args("W4", input, out));

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.lines();
        assertThat(lines).extracting(line -> line.get("workload").asString()).containsExactly("W4a", "W4b");
        assertSameRows(out.resolve("card-testing.jsonl"), input.expected().cardTesting());
        assertSameRows(out.resolve("abandoned.jsonl"), input.expected().abandoned());
        assertThat(lines.get(0).get("card_testing").asLong())
                .isEqualTo(input.expected().cardTesting().size());
        assertThat(lines.get(1).get("abandoned").asLong())
                .isEqualTo(input.expected().abandoned().size());
        assertThat(lines).allSatisfy(line -> assertCounted(line, events));
    }

    private static JsonNode runOne(String workload, Input input, int events, Path out) {
        BenchRun run = BenchRun.of(args(workload, input, out));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).hasSize(1);
        JsonNode line = run.lines().getFirst();
        assertCounted(line, events);
        return line;
    }

    private static void assertCounted(JsonNode line, long events) {
        assertThat(line.get("events").asLong()).isEqualTo(events);
        assertThat(line.get("dead_lettered").asLong()).isZero();
    }

    private static String[] args(String workload, Input input, Path out) {
        return new String[] {
            workload, "--input", input.file().toString(), "--out", out.toString(), "--warmup-events", "0"
        };
    }

    private static Input input(int events, long seed) {
        return INPUTS.get(key(events, seed));
    }

    private static String key(int events, long seed) {
        return events + "/" + seed;
    }
}
