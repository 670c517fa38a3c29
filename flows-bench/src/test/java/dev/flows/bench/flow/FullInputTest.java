package dev.flows.bench.flow;

import static dev.flows.bench.reference.SameRows.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.bench.reference.Expected;
import dev.flows.bench.reference.GeneratedEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark's own input, {@code GenEvents 1000000 42}: the five counts the workloads are known to give,
 * and every output in full against {@link Expected}. About a minute and 2 GB of heap; runs with -Pslow.
 */
@Tag("slow")
class FullInputTest {

    private static final int EVENTS = 1_000_000;
    private static final long SEED = 42;

    @TempDir
    Path temp;

    @Test
    void shouldGiveTheKnownCountsAndRowsOnTheBenchmarkInput() throws Exception {
        Path input = GeneratedEvents.write(temp.resolve("events.jsonl"), EVENTS, SEED);
        Path out = temp.resolve("out");

        List<JsonNode> lines = new ArrayList<>();
        lines.addAll(run("W2", input, out));
        lines.addAll(run("W3", input, out));
        lines.addAll(run("W4", input, out));

        assertThat(lines).extracting(line -> line.get("workload").asString()).containsExactly("W2", "W3", "W4a", "W4b");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("events").asLong()).isEqualTo(EVENTS);
            assertThat(line.get("dead_lettered").asLong()).isZero();
        });
        assertThat(lines.get(0).get("carts").asLong()).isEqualTo(206_294);
        assertThat(lines.get(0).get("orders").asLong()).isEqualTo(38_549);
        assertThat(lines.get(1).get("windows").asLong()).isEqualTo(152_457);
        assertThat(lines.get(2).get("card_testing").asLong()).isEqualTo(2_763);
        assertThat(lines.get(3).get("abandoned").asLong()).isEqualTo(18_384);
        Expected expected = Expected.of(input);
        assertThat(expected.lateCarts()).isZero();
        assertSameRows(out.resolve("carts.jsonl"), expected.carts());
        assertSameRows(out.resolve("orders.jsonl"), expected.orders());
        assertSameRows(out.resolve("windows.jsonl"), expected.windows());
        assertSameRows(out.resolve("card-testing.jsonl"), expected.cardTesting());
        assertSameRows(out.resolve("abandoned.jsonl"), expected.abandoned());
    }

    private static List<JsonNode> run(String workload, Path input, Path out) {
        BenchRun run =
                BenchRun.of(workload, "--input", input.toString(), "--out", out.toString(), "--warmup-events", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.lines();
    }
}
