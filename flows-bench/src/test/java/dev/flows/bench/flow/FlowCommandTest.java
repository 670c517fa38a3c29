package dev.flows.bench.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The commands' JSON lines, options and messages on a few hand-written events; the rows are FlowWorkloadsTest's. */
class FlowCommandTest {

    private static final List<String> EVENTS = List.of(
            event(
                    "e1",
                    "shop.cart.add",
                    "00:00:01",
                    "{\"user\":\"u1\",\"country\":\"XX\",\"item\":\"sku-1\",\"price\":1.10,\"qty\":3}"),
            event(
                    "e2",
                    "shop.checkout.start",
                    "00:00:02",
                    "{\"user\":\"u1\",\"country\":\"XX\",\"order\":\"o1\",\"amount\":3.30}"),
            event("e3", "shop.payment.failed", "00:00:03", "{\"user\":\"u1\",\"order\":\"o1\",\"amount\":3.30}"),
            event(
                    "e4",
                    "shop.order.placed",
                    "00:00:04",
                    "{\"user\":\"u1\",\"country\":\"DE\",\"order\":\"o1\",\"amount\":3.30}"));

    @TempDir
    Path temp;

    private Path input;

    private static String event(String id, String type, String time, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/t\",\"type\":\"" + type + "\",\"time\":"
                + "\"2026-01-01T" + time + "Z\",\"subject\":\"u1\",\"data\":" + data + "}";
    }

    @BeforeEach
    void writeInput() throws Exception {
        input = Files.write(temp.resolve("events.jsonl"), EVENTS);
    }

    private BenchRun run(String workload, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                workload,
                "--input",
                input.toString(),
                "--out",
                temp.resolve("out").toString(),
                "--warmup-events",
                "2"));
        args.addAll(List.of(more));
        return BenchRun.of(args.toArray(String[]::new));
    }

    @Test
    void shouldPrintTheFieldsOfWorkloadsMdWithACountPerOutput() {
        BenchRun w2 = run("W2");
        BenchRun w3 = run("w3");
        BenchRun w4 = run("W4");

        assertThat(List.of(w2, w3, w4))
                .allSatisfy(run -> assertThat(run.exitCode()).as(run.err()).isZero());
        assertThat(w2.lines().getFirst().propertyNames())
                .containsExactly(
                        "workload",
                        "system",
                        "events",
                        "seconds",
                        "events_per_s",
                        "carts",
                        "orders",
                        "dead_lettered",
                        "peak_rss_mb",
                        "heap_max_mb",
                        "engine_cpu_seconds",
                        "cpu_seconds",
                        "engine_events_per_cpu_s");
        assertThat(w3.lines().getFirst().propertyNames()).contains("windows").doesNotContain("carts");
        assertThat(w4.lines())
                .extracting(line -> line.get("workload").asString())
                .containsExactly("W4a", "W4b");
        assertThat(w4.lines().get(0).propertyNames()).contains("card_testing").doesNotContain("abandoned");
        assertThat(w4.lines().get(1).propertyNames()).contains("abandoned").doesNotContain("card_testing");
        JsonNode line = w2.lines().getFirst();
        assertThat(line.get("system").asString()).isEqualTo("flows");
        assertThat(line.get("events").asLong()).isEqualTo(EVENTS.size());
        assertThat(line.get("carts").asLong()).isEqualTo(1);
        assertThat(line.get("orders").asLong()).isEqualTo(1);
        assertThat(w2.err()).contains("warming up on the first 2 events");
    }

    @Test
    void shouldGiveACountryOutsideTheTableTheRegionOther() throws Exception {
        assertThat(run("W2").exitCode()).isZero();

        assertThat(Files.readString(temp.resolve("out/carts.jsonl"))).contains("\"region\":\"OTHER\"");
        assertThat(Files.readString(temp.resolve("out/orders.jsonl"))).contains("\"region\":\"EU\"");
    }

    @Test
    void shouldRunTheFlowsOfAnotherDirectoryAndNameAFlowItLacks() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("flows.yaml"), """
                channels: [events, carts, orders]
                ---
                flow: w2
                from: events
                steps:
                  - filter: type == "shop.order.placed"
                to: [{ channel: orders }]
                """);

        BenchRun w2 = run("W2", "--flows", flows.toString());
        BenchRun w3 = run("W3", "--flows", flows.toString());

        assertThat(w2.exitCode()).as(w2.err()).isZero();
        assertThat(w2.lines().getFirst().get("orders").asLong()).isEqualTo(1);
        assertThat(w2.lines().getFirst().get("carts").asLong()).isZero();
        assertThat(temp.resolve("out/carts.jsonl")).isEmptyFile();
        assertThat(w3.exitCode()).isEqualTo(1);
        assertThat(w3.err()).contains("defines no flow 'w3'");
    }
}
