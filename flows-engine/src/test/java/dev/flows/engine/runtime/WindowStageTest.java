package dev.flows.engine.runtime;

import static dev.flows.engine.runtime.LocalHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import dev.flows.api.flow.EventTime;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.WindowShape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Window steps on virtual time: tumbling, hopping, session, aggregates, grace, late events, changes. */
class WindowStageTest {

    static final EventTime TWO_SECONDS = new EventTime(null, Duration.ofSeconds(2), Duration.ZERO);

    @TempDir
    Path temp;

    private static Flow windowFlow(WindowShape shape, Map<String, String> aggregates, Duration grace) {
        return Flow.named("w")
                .from("in")
                .eventTime(TWO_SECONDS)
                .window(shape, Map.of("item", "data.item"), aggregates, grace, "item.minute")
                .toChannel("out")
                .build();
    }

    private static Event cart(String id, long second, String item, double price) {
        return event(id, "shop.cart.add", "u1", second, Map.of("item", item, "price", price));
    }

    private static Map<String, String> countAndRevenue() {
        Map<String, String> aggregates = new LinkedHashMap<>();
        aggregates.put("count", "count()");
        aggregates.put("revenue", "sum(data.price)");
        return aggregates;
    }

    @Test
    void shouldEmitATumblingWindowOnceTheWatermarkPassesItsEnd() {
        try (var run = new LocalHarness(
                temp, windowFlow(new WindowShape.Tumbling(Duration.ofSeconds(60)), countAndRevenue(), Duration.ZERO))) {
            run.send(cart("1", 10, "a", 1.5), cart("2", 59, "a", 2.0), cart("3", 30, "b", 4.0));
            assertThat(run.read("out")).isEmpty();

            run.send(cart("4", 61, "a", 1.0)); // watermark 59 s: the first minute is still open
            assertThat(run.read("out")).isEmpty();

            run.send(cart("5", 62, "a", 1.0)); // watermark 60 s: it closes
            assertThat(run.data("out"))
                    .containsExactlyInAnyOrder(
                            Map.of(
                                    "item",
                                    "a",
                                    "window_start",
                                    "2026-01-01T00:00:00Z",
                                    "window_end",
                                    "2026-01-01T00:01:00Z",
                                    "count",
                                    2L,
                                    "revenue",
                                    3.5),
                            Map.of(
                                    "item",
                                    "b",
                                    "window_start",
                                    "2026-01-01T00:00:00Z",
                                    "window_end",
                                    "2026-01-01T00:01:00Z",
                                    "count",
                                    1L,
                                    "revenue",
                                    4.0));
            assertThat(run.read("out")).allSatisfy(e -> {
                assertThat(e.type()).isEqualTo("item.minute");
                assertThat(e.time()).isEqualTo(LocalHarness.T0.plusSeconds(60).minusMillis(1));
            });

            run.end();
            assertThat(run.data("out"))
                    .hasSize(3)
                    .last()
                    .isEqualTo(Map.of(
                            "item",
                            "a",
                            "window_start",
                            "2026-01-01T00:01:00Z",
                            "window_end",
                            "2026-01-01T00:02:00Z",
                            "count",
                            2L,
                            "revenue",
                            2.0));
        }
    }

    @Test
    void shouldAcceptOutOfOrderEventsWithinTheBoundAndSendLaterOnesToTheDeadLetterChannel() {
        try (var run = new LocalHarness(
                temp, windowFlow(new WindowShape.Tumbling(Duration.ofSeconds(60)), countAndRevenue(), Duration.ZERO))) {
            run.send(cart("1", 61, "a", 1.0), cart("2", 59, "a", 2.0)); // 2 s out of order: on time
            run.send(cart("3", 70, "a", 1.0), cart("4", 50, "a", 5.0)); // watermark 68 s: late
            run.end();

            assertThat(run.data("out"))
                    .extracting(d -> d.get("window_start") + " " + d.get("count"))
                    .containsExactly("2026-01-01T00:00:00Z 1", "2026-01-01T00:01:00Z 2");
            List<Event> dead = run.read(dev.flows.api.flow.ChannelDefinition.DEAD_LETTER);
            assertThat(dead).extracting(Event::id).containsExactly("4");
            assertThat((String) dead.getFirst().extensions().get(DeadLetter.REASON))
                    .contains("late event");
        }
    }

    @Test
    void shouldKeepAWindowOpenForItsGracePeriod() {
        try (var run = new LocalHarness(
                temp,
                windowFlow(
                        new WindowShape.Tumbling(Duration.ofSeconds(60)), countAndRevenue(), Duration.ofSeconds(10)))) {
            run.send(cart("1", 10, "a", 1.0), cart("2", 68, "a", 1.0)); // watermark 66 s, window closes at 70 s
            run.send(cart("3", 20, "a", 1.0)); // late for the watermark but within grace
            assertThat(run.read("out")).isEmpty();
            run.send(cart("4", 72, "a", 1.0)); // watermark 70 s
            assertThat(run.data("out")).extracting(d -> d.get("count")).containsExactly(2L);
        }
    }

    @Test
    void shouldPutAnEventInEveryHoppingWindowThatCoversIt() {
        try (var run = new LocalHarness(
                temp,
                windowFlow(
                        new WindowShape.Hopping(Duration.ofSeconds(60), Duration.ofSeconds(20)),
                        countAndRevenue(),
                        Duration.ZERO))) {
            run.send(cart("1", 45, "a", 1.0)).end();
            assertThat(run.data("out"))
                    .extracting(d -> (String) d.get("window_start"))
                    .containsExactly("2026-01-01T00:00:00Z", "2026-01-01T00:00:20Z", "2026-01-01T00:00:40Z");
        }
    }

    @Test
    void shouldMergeSessionsThatAnEventBridges() {
        try (var run = new LocalHarness(
                temp, windowFlow(new WindowShape.Session(Duration.ofSeconds(30)), countAndRevenue(), Duration.ZERO))) {
            run.send(cart("1", 0, "a", 1.0), cart("2", 31, "a", 1.0)); // two sessions: [0,30) and [31,61)
            run.send(cart("3", 20, "a", 1.0)); // [20,50) bridges them
            run.send(cart("4", 200, "b", 1.0)).end();
            assertThat(run.data("out"))
                    .extracting(d -> d.get("item") + " " + d.get("window_start") + " " + d.get("window_end") + " "
                            + d.get("count"))
                    .containsExactly(
                            "a 2026-01-01T00:00:00Z 2026-01-01T00:01:01Z 3",
                            "b 2026-01-01T00:03:20Z 2026-01-01T00:03:50Z 1");
        }
    }

    @Test
    void shouldComputeEveryAggregate() {
        Map<String, String> aggregates = new LinkedHashMap<>();
        aggregates.put("n", "count()");
        aggregates.put("total", "sum(data.qty)");
        aggregates.put("low", "min(data.price)");
        aggregates.put("high", "max(data.price)");
        aggregates.put("mean", "avg(data.price)");
        aggregates.put("users", "count_distinct(subject)");
        aggregates.put("first", "first(data.price)");
        aggregates.put("last", "last(data.price)");
        try (var run = new LocalHarness(
                temp, windowFlow(new WindowShape.Tumbling(Duration.ofSeconds(60)), aggregates, Duration.ZERO))) {
            run.send(
                    event("1", "t", "u1", 20, Map.of("item", "a", "price", 3.0, "qty", 1L)),
                    event("2", "t", "u2", 10, Map.of("item", "a", "price", 1.0, "qty", 2L)),
                    event("3", "t", "u1", 30, Map.of("item", "a", "price", 5.0, "qty", 3L)));
            run.end();
            Map<String, Object> row = run.data("out").getFirst();
            assertThat(row)
                    .containsEntry("n", 3L)
                    .containsEntry("total", 6L)
                    .containsEntry("low", 1.0)
                    .containsEntry("high", 5.0)
                    .containsEntry("mean", 3.0)
                    .containsEntry("users", 2L)
                    .containsEntry("first", 1.0)
                    .containsEntry("last", 5.0);
        }
    }

    @Test
    void shouldEmitEveryChangeInChangesMode() {
        Flow flow = Flow.named("w")
                .from("in")
                .eventTime(TWO_SECONDS)
                .step(new dev.flows.api.flow.Step.Window(
                        new WindowShape.Tumbling(Duration.ofSeconds(60)),
                        List.of(new dev.flows.api.flow.FieldAssignment(
                                "item", dev.flows.api.flow.Expression.of("data.item"))),
                        List.of(new dev.flows.api.flow.Aggregate(
                                "count", dev.flows.api.flow.Aggregate.Function.COUNT, null)),
                        dev.flows.api.flow.Step.EmitMode.CHANGES,
                        Duration.ZERO,
                        null,
                        "item.count",
                        dev.flows.api.flow.OnError.DEAD_LETTER,
                        dev.flows.api.flow.SourceLocation.JAVA))
                .toChannel("out")
                .build();
        try (var run = new LocalHarness(temp, flow)) {
            run.send(cart("1", 1, "a", 1.0), cart("2", 2, "a", 1.0)).end();
            assertThat(run.data("out")).extracting(d -> d.get("count")).containsExactly(1L, 2L);
            assertThat(run.read("out")).extracting(Event::id).doesNotHaveDuplicates();
        }
    }
}
