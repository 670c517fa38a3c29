package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.Aggregate;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Emit;
import dev.flows.api.flow.EventTime;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.Lookup;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.PatternStage;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.api.flow.WindowShape;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The steps beyond filter, set and route, read from YAML into exactly the model the Java API builds. */
class StepReaderTest {

    private static final FlowFileParser PARSER = new FlowFileParser(Map.of());
    private static final SourceLocation JAVA = SourceLocation.JAVA;

    private static Expression cel(String text) {
        return Expression.of(text);
    }

    private static SourceLocation checkout(int line, int column) {
        return new SourceLocation("checkout.yaml", line, column);
    }

    private static List<Flow> parse(String yaml) {
        FlowFile file = PARSER.parse("shop.yaml", yaml);
        assertThat(file.problems()).isEmpty();
        return file.flows();
    }

    private static Flow parseOne(String yaml) {
        return WithoutLocations.of(parse(yaml).getFirst());
    }

    @Test
    void shouldReadEveryStepOfTheFullFileIntoTheModelTheJavaApiBuilds() {
        FlowFile file = PARSER.parse("checkout.yaml", FlowFileParserTest.resource("full/checkout.yaml"));
        Destination alerts = new Destination.ToChannel("alerts", JAVA);
        List<Flow> built = List.of(
                Flow.named("customers")
                        .from("shop")
                        .filter("type == \"shop.customer.updated\"")
                        .toTable("customers", "subject")
                        .build(),
                Flow.named("cart-lines")
                        .from("shop")
                        .step(new Step.Filter(cel("type == \"shop.cart.add\""), OnError.SKIP, JAVA))
                        .set("data.total", "data.price * double(data.qty)")
                        .remove("data.card", "data.cvv")
                        .remove("data.token")
                        .mapping("{ \"user\": subject, \"amount\": data.total, \"country\": data.country, \"lines\":"
                                + " data.lines }\n")
                        .step(new Step.Enrich(
                                new Lookup.FromFile("regions.json"),
                                cel("data.country"),
                                "data.region",
                                cel("\"OTHER\""),
                                OnError.DEAD_LETTER,
                                JAVA))
                        .step(new Step.Enrich(
                                new Lookup.FromTable("customers"),
                                cel("data.user"),
                                "customer",
                                null,
                                OnError.FAIL,
                                JAVA))
                        .split("data.lines")
                        .dedupe("data.id", Duration.ofMinutes(10))
                        .step(new Step.Route(
                                List.of(new RouteCase(cel("data.amount > 500.0"), List.of(alerts))),
                                List.of(new Destination.ToChannel("small-orders", JAVA)),
                                OnError.DEAD_LETTER,
                                JAVA))
                        .build(),
                Flow.named("item-minute")
                        .from("shop")
                        .eventTime(new EventTime(cel("data.at"), Duration.ofSeconds(2), Duration.ZERO))
                        .step(new Step.Window(
                                new WindowShape.Tumbling(Duration.ofSeconds(60)),
                                List.of(new FieldAssignment("item", cel("data.item"))),
                                List.of(
                                        new Aggregate("count", Aggregate.Function.COUNT, null),
                                        new Aggregate(
                                                "revenue",
                                                Aggregate.Function.SUM,
                                                cel("data.price * double(data.qty)"))),
                                Step.EmitMode.CHANGES,
                                Duration.ofSeconds(5),
                                "late-events",
                                "shop.item.minute",
                                OnError.DEAD_LETTER,
                                JAVA))
                        .toChannel("alerts")
                        .build(),
                Flow.named("order-paid")
                        .from("shop")
                        .step(new Step.Join(
                                "payments",
                                cel("data.order"),
                                cel("data.orderId"),
                                Duration.ZERO,
                                Duration.ofMinutes(30),
                                "payment",
                                new Emit(
                                        "order.paid",
                                        List.of(
                                                new FieldAssignment("data.order", cel("data.order")),
                                                new FieldAssignment("data.paid", cel("payment.data.amount")))),
                                "late-events",
                                OnError.DEAD_LETTER,
                                JAVA))
                        .toChannel("alerts")
                        .build(),
                Flow.named("checkout-abandoned")
                        .from("shop")
                        .step(new Step.Pattern(
                                cel("data.order"),
                                List.of(
                                        new PatternStage("checkout", cel("type == \"shop.checkout.start\""), 1, false),
                                        new PatternStage("fail", cel("type == \"shop.payment.failed\""), 3, false),
                                        new PatternStage("placed", cel("type == \"shop.order.placed\""), 1, true)),
                                Duration.ofMinutes(30),
                                new Emit(
                                        "shop.checkout.abandoned",
                                        List.of(new FieldAssignment("data.order", cel("checkout.data.order")))),
                                "late-events",
                                OnError.DEAD_LETTER,
                                JAVA))
                        .toChannel("alerts")
                        .build());

        assertThat(file.problems()).isEmpty();
        assertThat(file.flows()).map(WithoutLocations::of).containsExactlyElementsOf(built);
    }

    @Test
    void shouldGiveTheBuildersWindowPatternAndStatelessStepsFromTheirYaml() {
        Map<String, String> aggregates = new LinkedHashMap<>();
        aggregates.put("events", "count()");
        aggregates.put("spent", " sum( data.amount ) ");
        aggregates.put("buyers", "count_distinct(subject)");
        Flow built = Flow.named("stats")
                .from("shop")
                .remove("data.card")
                .mapping("{ \"user\": subject }")
                .enrichFromFile("regions.csv", "data.country", "data.region")
                .enrichFromTable("customers", "subject", "data.customer")
                .split("data.lines")
                .dedupe("data.id", Duration.ofSeconds(30))
                .window(
                        new WindowShape.Hopping(Duration.ofMinutes(1), Duration.ofSeconds(10)),
                        Map.of("item", "data.item"),
                        aggregates,
                        Duration.ofSeconds(3),
                        "shop.stats")
                .pattern(
                        "subject",
                        List.of(
                                new PatternStage("cart", cel("type == \"cart\""), 1, false),
                                new PatternStage("paid", cel("type == \"paid\""), 1, true)),
                        Duration.ofHours(1),
                        "shop.unpaid",
                        Map.of("data.user", "cart.subject"))
                .toChannel("orders")
                .build();

        Flow parsed = parseOne("""
                flow: stats
                from: shop
                steps:
                  - remove: data.card
                  - mapping: '{ "user": subject }'
                  - enrich: { file: regions.csv, key: data.country, into: data.region }
                  - enrich: { table: customers, key: subject, into: data.customer }
                  - split: data.lines
                  - dedupe: { key: data.id, within: 30s }
                  - window:
                      hopping: { size: 1m, advance: 10s }
                      by: { item: data.item }
                      aggregate:
                        events: count()
                        spent: " sum( data.amount ) "
                        buyers: count_distinct(subject)
                      grace: 3s
                      type: shop.stats
                  - pattern:
                      key: subject
                      sequence:
                        - { name: cart, when: type == "cart" }
                        - { name: paid, when: type == "paid", absent: true }
                      within: 1h
                      emit: { type: shop.unpaid, set: { data.user: cart.subject } }
                to: { channel: orders }
                """);

        assertThat(parsed).isEqualTo(built);
    }

    @Test
    void shouldReadProcessingTime() {
        Flow flow = parseOne("""
                flow: clocked
                from: shop
                time: processing
                steps:
                  - dedupe: { key: id, within: 10m }
                to: { channel: orders }
                """);
        assertThat(flow.time()).isEqualTo(EventTime.PROCESSING);
    }

    @Test
    void shouldApplyTheDefaults() {
        Flow flow = parseOne("""
                flow: defaults
                from: shop
                steps:
                  - window:
                      session: { gap: 30m }
                      aggregate: { last: last(data.state) }
                  - join: { channel: payments, key: data.order, within: 10m }
                to: { channel: orders }
                """);

        assertThat(flow.time()).isEqualTo(EventTime.DEFAULT);
        assertThat(flow.steps())
                .containsExactly(
                        new Step.Window(
                                new WindowShape.Session(Duration.ofMinutes(30)),
                                List.of(),
                                List.of(new Aggregate("last", Aggregate.Function.LAST, cel("data.state"))),
                                Step.EmitMode.FINAL,
                                Duration.ZERO,
                                null,
                                "defaults.window",
                                OnError.DEAD_LETTER,
                                JAVA),
                        new Step.Join(
                                "payments",
                                cel("data.order"),
                                cel("data.order"),
                                Duration.ofMinutes(10),
                                Duration.ofMinutes(10),
                                "other",
                                null,
                                null,
                                OnError.DEAD_LETTER,
                                JAVA));
    }

    @Test
    void shouldReadOnErrorNextToEveryKindOfStep() {
        Flow flow = parseOne("""
                flow: careful
                from: shop
                time: { out-of-order: 0s }
                steps:
                  - { set: { data.x: "1" }, on-error: fail }
                  - { split: data.lines, on-error: skip }
                  - { on-error: dead-letter, remove: [data.y] }
                  - route:
                      - when: data.x == 1
                        to: { channel: ones }
                    on-error: skip
                to: { channel: orders }
                """);

        assertThat(flow.time()).isEqualTo(new EventTime(null, Duration.ZERO, Duration.ofSeconds(30)));
        assertThat(flow.steps())
                .map(Step::onError)
                .containsExactly(OnError.FAIL, OnError.SKIP, OnError.DEAD_LETTER, OnError.SKIP);
    }

    @Test
    void shouldLocateAggregateArgumentsAndRememberWhereNamesWereWritten() {
        FlowFile file = PARSER.parse("checkout.yaml", FlowFileParserTest.resource("full/checkout.yaml"));
        ReferenceLocations references = file.references();
        Step.Mapping mapping = (Step.Mapping) file.flows().get(1).steps().get(4);
        Step.Enrich enrich = (Step.Enrich) file.flows().get(1).steps().get(5);
        Step.Route route = (Step.Route) file.flows().get(1).steps().get(9);
        Step.Window window = (Step.Window) file.flows().get(2).steps().getFirst();
        Step.Join join = (Step.Join) file.flows().get(3).steps().getFirst();
        Step.Pattern pattern = (Step.Pattern) file.flows().get(4).steps().getFirst();

        assertThat(file.flows().get(2).time().timestamp()).isEqualTo(new Expression("data.at", checkout(43, 10)));
        assertThat(window.location()).isEqualTo(checkout(47, 5));
        assertThat(window.aggregates().get(1).argument())
                .isEqualTo(new Expression("data.price * double(data.qty)", checkout(52, 22)));
        assertThat(references.of(window.aggregates().get(1), ReferenceLocations.Part.NAME, JAVA))
                .isEqualTo(checkout(52, 9));
        assertThat(references.of(window.by().getFirst(), ReferenceLocations.Part.NAME, JAVA))
                .isEqualTo(checkout(49, 13));
        assertThat(references.of(window, ReferenceLocations.Part.LATE, JAVA)).isEqualTo(checkout(55, 13));
        assertThat(references.of(mapping, ReferenceLocations.Part.JSONATA, JAVA))
                .isEqualTo(checkout(25, 7));
        assertThat(references.of(enrich.lookup(), ReferenceLocations.Part.LOOKUP, JAVA))
                .isEqualTo(checkout(27, 13));
        assertThat(references.channel(route.otherwise().getFirst())).isEqualTo(checkout(38, 32));
        assertThat(references.of(join, ReferenceLocations.Part.CHANNEL, JAVA)).isEqualTo(checkout(64, 16));
        assertThat(references.of(join, ReferenceLocations.Part.AS, JAVA)).isEqualTo(checkout(68, 11));
        assertThat(references.of(join.emit(), ReferenceLocations.Part.TYPE, JAVA))
                .isEqualTo(checkout(69, 21));
        assertThat(references.of(pattern, ReferenceLocations.Part.STAGES, JAVA)).isEqualTo(checkout(80, 9));
        assertThat(references.of(pattern.stages().get(2), ReferenceLocations.Part.NAME, JAVA))
                .isEqualTo(checkout(85, 17));
        assertThat(references.of(pattern.stages().get(2), ReferenceLocations.Part.ABSENT, JAVA))
                .isEqualTo(checkout(87, 19));
    }
}
