package dev.flows.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.PatternStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FlowTestDriver over the flow files of src/test/resources/flows, each output checked exactly. */
class FlowTestDriverTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Event event(String id, String type, String subject, Duration afterT0, Map<String, Object> data) {
        return TestEvent.of(id, type)
                .subject(subject)
                .time(T0.plus(afterT0))
                .data(data)
                .build();
    }

    static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    @Test
    void shouldFilterSetAndRouteAsTheFlowFileSays() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("route.yaml"))) {
            driver.pipe(
                    event("c1", "shop.cart.add", "u1", s(0), Map.of("item", "tea", "qty", 2, "price", 1.5)),
                    event("v1", "shop.page.view", "u1", s(1), Map.of("page", "/")),
                    event("o1", "shop.order.placed", "u1", s(2), Map.of("order", "o1", "amount", 3.0)));

            assertThat(driver.output("carts")).singleElement().satisfies(cart -> {
                assertThat(cart.id()).isEqualTo("c1");
                assertThat(cart.data()).isEqualTo(Map.of("item", "tea", "qty", 2L, "price", 1.5, "total", 3.0));
            });
            assertThat(driver.output("orders"))
                    .extracting(Event::id, Event::data)
                    .containsExactly(tuple("o1", Map.of("order", "o1", "amount", 3.0)));
            assertThat(driver.deadLetters()).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterAnEventAStepFailsOn() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("route.yaml"))) {
            driver.pipe(event("c1", "shop.cart.add", "u1", s(0), Map.of("item", "tea")));

            assertThat(driver.output("carts")).isEmpty();
            assertThat(driver.deadLetters()).singleElement().satisfies(dead -> {
                assertThat(dead.id()).isEqualTo("c1");
                assertThat(dead.extensions()).containsEntry("deadletterflow", "route-shop");
                assertThat((String) dead.extensions().get("deadletterreason")).contains("qty");
            });
        }
    }

    @Test
    void shouldEmitTumblingWindowsWhenTheWatermarkPassesThemAndSendLateEventsToTheLateChannel() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("window.yaml"))) {
            driver.pipe(
                    event("1", "shop.cart.add", "u1", s(10), Map.of("item", "a", "qty", 1)),
                    event("2", "shop.cart.add", "u2", s(30), Map.of("item", "b", "qty", 5)),
                    event("3", "shop.cart.add", "u1", s(50), Map.of("item", "a", "qty", 2)));
            assertThat(driver.output("minutes"))
                    .as("the first minute is still open")
                    .isEmpty();

            driver.pipe(event("4", "shop.cart.add", "u1", s(65), Map.of("item", "a", "qty", 1)));
            driver.pipe(event("5", "shop.cart.add", "u3", s(40), Map.of("item", "a", "qty", 7)));
            driver.endOfInput();

            assertThat(driver.output("minutes")).extracting(Event::type).containsOnly("shop.item.minute");
            assertThat(driver.output("minutes"))
                    .extracting(Event::data)
                    .containsExactly(
                            minute("a", "00:00", "00:01", 2, 3),
                            minute("b", "00:00", "00:01", 1, 5),
                            minute("a", "00:01", "00:02", 1, 1));
            assertThat(driver.output("late-events")).singleElement().satisfies(late -> {
                assertThat(late.id()).isEqualTo("5");
                assertThat((String) late.extensions().get("deadletterreason")).contains("late");
            });
            assertThat(driver.deadLetters()).isEmpty();
        }
    }

    private static Map<String, Object> minute(String item, String start, String end, long count, long qty) {
        return Map.of(
                "item", item,
                "window_start", "2026-01-01T" + start + ":00Z",
                "window_end", "2026-01-01T" + end + ":00Z",
                "count", count,
                "qty", qty);
    }

    @Test
    void shouldDecideAnAbsenceOnceEventTimePassesItsBound() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("abandoned.yaml"))) {
            driver.pipe(
                    event("c1", "shop.checkout.start", "u1", m(0), Map.of("order", "o1")),
                    event("c2", "shop.checkout.start", "u2", m(1), Map.of("order", "o2")),
                    event("p2", "shop.order.placed", "u2", m(10), Map.of("order", "o2")));
            driver.advanceTime(Duration.ofHours(1));
            assertThat(driver.output("alerts"))
                    .as("processing time alone decides nothing: the only input is idle, event time stays")
                    .isEmpty();

            driver.pipe(event("c3", "shop.checkout.start", "u3", m(40), Map.of("order", "o3")));
            assertThat(driver.output("alerts"))
                    .extracting(Event::type, Event::data)
                    .containsExactly(tuple("shop.checkout.abandoned", Map.of("order", "o1")));

            driver.endOfInput();
            assertThat(driver.output("alerts"))
                    .extracting(Event::data)
                    .containsExactly(Map.of("order", "o1"), Map.of("order", "o3"));
            assertThat(driver.watermark()).contains(Instant.MAX);
        }
    }

    @Test
    void shouldJoinOrdersWithTheirPaymentsWithinTheInterval() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("join.yaml"))) {
            driver.pipe(event("o1", "shop.order.placed", "u1", m(0), Map.of("order", "o1", "amount", 10.0)));
            driver.pipeJoined(event("p1", "shop.payment", "u1", m(5), Map.of("order", "o1", "amount", 10.0)));
            driver.pipeJoined(event("p2", "shop.payment", "u2", m(8), Map.of("order", "o2", "amount", 4.0)));
            driver.pipe(event("o2", "shop.order.placed", "u2", m(7), Map.of("order", "o2", "amount", 4.0)));
            driver.pipeJoined(event("p3", "shop.payment", "u1", m(31), Map.of("order", "o1", "amount", 1.0)));
            driver.endOfInput();

            assertThat(driver.output("paid"))
                    .extracting(Event::id, Event::type, Event::data)
                    .containsExactly(
                            tuple("o1+p1", "shop.order.paid", Map.of("order", "o1", "paid", 10.0)),
                            tuple("o2+p2", "shop.order.paid", Map.of("order", "o2", "paid", 4.0)));
            assertThat(driver.deadLetters()).isEmpty();
        }
    }

    @Test
    void shouldStopWaitingForAnIdleJoinedChannelOnceProcessingTimeMovesOn() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("join.yaml"))) {
            driver.pipe(event("o1", "shop.order.placed", "u1", m(0), Map.of("order", "o1", "amount", 10.0)));
            driver.pipeJoined(event("p1", "shop.payment", "u1", m(5), Map.of("order", "o1", "amount", 10.0)));

            driver.advanceTime(Duration.ofMinutes(1)); // longer than the flow's idle: 30s
            driver.pipe(event("o2", "shop.order.placed", "u2", m(40), Map.of("order", "o2", "amount", 4.0)));
            driver.pipeJoined(event("p9", "shop.payment", "u1", m(20), Map.of("order", "o1", "amount", 1.0)));

            assertThat(driver.watermark()).contains(T0.plus(m(40)));
            assertThat(driver.output("paid")).extracting(Event::id).containsExactly("o1+p1");
            assertThat(driver.deadLetters()).singleElement().satisfies(late -> {
                assertThat(late.id()).isEqualTo("p9");
                assertThat((String) late.extensions().get("deadletterreason")).contains("late event");
            });
        }
    }

    @Test
    void shouldPairALatePaymentWhileTheJoinedChannelStillHoldsTheWatermarkBack() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("join.yaml"))) {
            driver.pipe(event("o1", "shop.order.placed", "u1", m(0), Map.of("order", "o1", "amount", 10.0)));
            driver.pipeJoined(event("p1", "shop.payment", "u1", m(5), Map.of("order", "o1", "amount", 10.0)));
            driver.pipe(event("o2", "shop.order.placed", "u2", m(40), Map.of("order", "o2", "amount", 4.0)));
            driver.pipeJoined(event("p9", "shop.payment", "u1", m(20), Map.of("order", "o1", "amount", 1.0)));

            assertThat(driver.watermark()).contains(T0.plus(m(20)));
            assertThat(driver.output("paid")).extracting(Event::id).containsExactly("o1+p1", "o1+p9");
        }
    }

    @Test
    void shouldDropDuplicatesWithinTheDedupeInterval() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("dedupe.yaml"))) {
            driver.pipe(
                    event("1", "shop.order.placed", "u1", m(0), Map.of("order", "o1")),
                    event("2", "shop.order.placed", "u1", m(5), Map.of("order", "o1")),
                    event("3", "shop.order.placed", "u2", m(6), Map.of("order", "o2")),
                    event("4", "shop.order.placed", "u1", m(11), Map.of("order", "o1")),
                    event("5", "shop.order.placed", "u1", m(12), Map.of("order", "o1")));

            assertThat(driver.output("orders")).extracting(Event::id).containsExactly("1", "3", "4");
        }
    }

    @Test
    void shouldRecordWebhookCallsAndWriteTableRows() {
        DriverSettings settings =
                DriverSettings.DEFAULT.withEnvironment(Map.of("BIG_ORDER_WEBHOOK", "http://hooks.test/big"));
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("big-orders.yaml"), settings)) {
            driver.pipeJson("""
                    {"specversion":"1.0","id":"o-1","source":"/shop","type":"shop.order.placed","subject":"u1",
                     "data":{"user":"u1","order":"o1","amount":620.0}}""");
            driver.pipeJson("""
                    {"specversion":"1.0","id":"o-2","source":"/shop","type":"shop.order.placed","subject":"u1",
                     "data":{"user":"u1","order":"o2","amount":20.0}}""");
            driver.pipeJson("""
                    {"specversion":"1.0","id":"o-3","source":"/shop","type":"shop.order.placed","subject":"u1",
                     "data":{"user":"u1","order":"o3","amount":700.0}}""");

            assertThat(driver.webhookCalls())
                    .extracting(WebhookCall::url, call -> call.event().id())
                    .containsExactly(tuple("http://hooks.test/big", "o-1"), tuple("http://hooks.test/big", "o-3"));
            assertThat(driver.tableRow("big-spenders", "u1")).contains(Map.of("orders", 2L, "total", 1320.0));
            assertThat(driver.table("big-spenders")).containsOnlyKeys("u1");
            assertThat(driver.tableRow("big-spenders", "u2")).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterWhatARefusingWebhookGaveUpOn() {
        DriverSettings settings =
                DriverSettings.DEFAULT.withWebhooks(WebhookReceiver.refuseAll("receiver answered 503"));
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("big-orders.yaml"), settings)) {
            driver.pipe(event("o-1", "shop.order.placed", "u1", s(0), Map.of("user", "u1", "amount", 600.0)));

            assertThat(driver.webhookCalls())
                    .singleElement()
                    .satisfies(call -> assertThat(call.url()).isEqualTo("http://127.0.0.1:9090/big-orders"));
            assertThat(driver.deadLetters()).singleElement().satisfies(dead -> {
                assertThat(dead.extensions().get("deadletterreason")).isEqualTo("receiver answered 503");
                // the destination's name, which a redrive sends it back to
                assertThat(dead.extensions().get("deadletterdest"))
                        .isEqualTo("webhook:http://127.0.0.1:9090/big-orders");
            });
        }
    }

    @Test
    void shouldRunAFlowBuiltInJava() {
        Flow flow = Flow.named("abandoned")
                .from("shop")
                .pattern(
                        "data.order",
                        List.of(
                                new PatternStage("checkout", Expression.of("type == 'checkout'"), 1, false),
                                new PatternStage("placed", Expression.of("type == 'placed'"), 1, true)),
                        Duration.ofMinutes(30),
                        "abandoned",
                        Map.of("data.order", "checkout.data.order"))
                .toChannel("alerts")
                .build();
        try (FlowTestDriver driver = FlowTestDriver.forFlow(flow)) {
            driver.pipe(event("c1", "checkout", "u1", m(0), Map.of("order", "o1")));
            driver.endOfInput();

            assertThat(driver.output("alerts")).extracting(Event::data).containsExactly(Map.of("order", "o1"));
            assertThat(driver.channels()).containsExactly("alerts", "flows.dead-letter", "shop");
        }
    }

    @Test
    void shouldRefuseAnInvalidEventAndRunNothing() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("route.yaml"))) {
            assertThatThrownBy(() -> driver.pipeJson("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\"}"))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("type");
            assertThat(driver.output("carts")).isEmpty();
        }
    }

    @Test
    void shouldReportEveryProblemOfAFlowFileAsLintWould(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(
                file, "flow: broken\nfrom: shop\nsteps:\n  - filter: data.amount >\n  - dedupe: { key: data.id }\n");

        assertThatThrownBy(() -> FlowTestDriver.forFile(file))
                .isInstanceOfSatisfying(
                        FlowDefinitionException.class,
                        e -> assertThat(e.problems())
                                .extracting(problem -> problem.where().toString())
                                .allMatch(where -> where.startsWith("broken.yaml:")))
                .hasMessageContaining("within");
    }

    @Test
    void shouldSayWhichChannelsAFlowHasWhenAskedForAnother() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("dedupe.yaml"))) {
            assertThatThrownBy(() -> driver.output("order"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("flows.dead-letter, orders, shop");
        }
    }

    @Test
    void shouldRunAFlowOfADirectoryWithItsLookupFilesAndDeclaredChannels(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("channels.yaml"), "channels:\n  - name: in\n    partitions: 3\n  - out\n");
        Files.writeString(dir.resolve("regions.json"), "{\"DE\": \"EU\", \"US\": \"NA\"}");
        Files.writeString(dir.resolve("regions.yaml"), """
                flow: regions
                from: in
                steps:
                  - enrich: { file: regions.json, key: data.country, into: data.region, default: '"OTHER"' }
                to:
                  - channel: out
                """);
        try (FlowTestDriver driver = FlowTestDriver.forDirectory(dir, "regions")) {
            driver.pipe(
                    event("1", "t", "u1", s(0), Map.of("country", "DE")),
                    event("2", "t", "u2", s(0), Map.of("country", "BR")),
                    event("3", "t", "u3", s(0), Map.of("country", "US")));

            assertThat(driver.output("out"))
                    .extracting(e -> (Object) ((Map<?, ?>) e.data()).get("region"))
                    .containsExactly("EU", "OTHER", "NA");
        }
    }
}
