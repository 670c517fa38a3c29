package dev.flows.bench.flow;

import static dev.flows.bench.reference.SameRows.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.bench.reference.Expected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * W3 and W4 on hand-made events at the edges GenEvents rarely reaches: times exactly on a bound, equal times,
 * events out of order within the allowed 2 s and one cart add later than that, compared with {@link Expected}.
 */
class BoundaryEventsTest {

    private static final long T = Instant.parse("2026-01-01T00:10:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    @TempDir
    Path temp;

    /** An event and when it arrives, which orders the input. */
    private record Arrival(long atMs, int seq, String line) {}

    private final List<Arrival> arrivals = new ArrayList<>();
    private Path input;
    private Expected expected;

    /** Arrives at its event time. */
    private void add(String type, String user, long timeMs, String data) {
        add(type, user, timeMs, timeMs, data);
    }

    private void add(String type, String user, long timeMs, long arrivalMs, String data) {
        String id = "e" + arrivals.size();
        arrivals.add(new Arrival(
                arrivalMs,
                arrivals.size(),
                "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/t\",\"type\":\"" + type + "\","
                        + "\"time\":\"" + Instant.ofEpochMilli(timeMs) + "\",\"subject\":\"" + user
                        + "\",\"data\":{\"user\":\""
                        + user + "\",\"country\":\"DE\"," + data + "}}"));
    }

    private void failure(String user, long timeMs) {
        failure(user, timeMs, timeMs);
    }

    private void failure(String user, long timeMs, long arrivalMs) {
        add("shop.payment.failed", user, timeMs, arrivalMs, "\"order\":\"o-" + user + "\",\"amount\":1.00");
    }

    private void checkout(String order, long timeMs) {
        add("shop.checkout.start", "u9", timeMs, "\"order\":\"" + order + "\",\"amount\":1.00");
    }

    private void placed(String order, long timeMs, long arrivalMs) {
        add("shop.order.placed", "u9", timeMs, arrivalMs, "\"order\":\"" + order + "\",\"amount\":1.00");
    }

    private void placed(String order, long timeMs) {
        placed(order, timeMs, timeMs);
    }

    private void cart(String item, long timeMs, long arrivalMs, String price, int qty) {
        add(
                "shop.cart.add",
                "u8",
                timeMs,
                arrivalMs,
                "\"item\":\"" + item + "\",\"price\":" + price + ",\"qty\":" + qty);
    }

    private void cart(String item, long timeMs, String price, int qty) {
        cart(item, timeMs, timeMs, price, qty);
    }

    @BeforeEach
    void writeEvents() throws Exception {
        // W4a: the third failure exactly 300 s after the first; a fourth 1 ms later, whose window drops the first.
        failure("u1", T);
        failure("u1", T + 100_000);
        failure("u1", T + 300_000);
        failure("u1", T + 300_001);
        // W4a: two failures at the same millisecond; each counts the other.
        failure("u2", T + 1_000);
        failure("u2", T + 2_000);
        failure("u2", T + 2_000);
        // W4a: three failures arriving newest first, each less than 2 s behind the newest.
        failure("u3", T + 1_900, T + 1_900);
        failure("u3", T + 1_000, T + 1_950);
        failure("u3", T + 1, T + 1_999);
        // W4b: placed exactly 30 min after, 1 ms later than that, before the checkout (arriving after it),
        // never, and soon.
        checkout("o1", T);
        placed("o1", T + 30 * MINUTE);
        checkout("o2", T);
        placed("o2", T + 30 * MINUTE + 1);
        checkout("o3", T + 1_000);
        placed("o3", T + 500, T + 1_500);
        checkout("o4", T);
        checkout("o5", T);
        placed("o5", T + 10_000);
        // W3: the last and the first millisecond of two minutes, and a sum whose doubles carry noise, ...
        cart("sku-1", T + MINUTE - 1, "0.10", 1);
        cart("sku-1", T + MINUTE - 2, T + MINUTE, "0.20", 1);
        cart("sku-1", T + MINUTE, "19.99", 3);
        // ... and a cart add that arrives after its minute closed (event time has reached T + 5 min by then).
        cart("sku-2", T + 2 * MINUTE - 1_000, T + 5 * MINUTE + 500, "2.00", 1);
        arrivals.sort(Comparator.comparingLong(Arrival::atMs).thenComparingInt(Arrival::seq));
        List<String> lines = arrivals.stream().map(Arrival::line).toList();
        input = Files.write(temp.resolve("events.jsonl"), lines);
        expected = Expected.of(input);
    }

    private JsonNode run(String workload, int line) {
        BenchRun run = BenchRun.of(
                workload,
                "--input",
                input.toString(),
                "--out",
                temp.resolve("out").toString(),
                "--warmup-events",
                "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.lines().get(line);
    }

    @Test
    void shouldAlertOnEveryFailureWithThreeInItsInclusiveFiveMinutes() {
        JsonNode line = run("W4", 0);

        assertThat(expected.cardTesting()).hasSize(5);
        assertSameRows(temp.resolve("out/card-testing.jsonl"), expected.cardTesting());
        assertThat(line.get("dead_lettered").asLong()).isZero();
    }

    @Test
    void shouldCallACheckoutAbandonedOnlyWithoutAnOrderInItsInclusiveHalfHour() {
        run("W4", 1);

        assertThat(expected.abandoned())
                .containsExactlyInAnyOrder("{\"order\":\"o2\"}", "{\"order\":\"o3\"}", "{\"order\":\"o4\"}");
        assertSameRows(temp.resolve("out/abandoned.jsonl"), expected.abandoned());
    }

    @Test
    void shouldCloseMinutesOnTheirBoundsAndDeadLetterWhatCameAfterItsMinuteClosed() {
        JsonNode line = run("W3", 0);

        assertThat(expected.lateCarts()).isEqualTo(1);
        assertThat(line.get("dead_lettered").asLong()).isEqualTo(1);
        assertSameRows(temp.resolve("out/windows.jsonl"), expected.windows());
    }
}
