package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.api.flow.TableMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowFileParserTest {

    private static final FlowFileParser PARSER = new FlowFileParser(Map.of("TOKEN", "s3cret"));

    private static SourceLocation shop(int line, int column) {
        return new SourceLocation("shop.yaml", line, column);
    }

    private static Expression cel(String text, int line, int column) {
        return new Expression(text, shop(line, column));
    }

    static String resource(String name) {
        try (InputStream in = FlowFileParserTest.class.getResourceAsStream("/definition/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read test resource " + name, e);
        }
    }

    @Test
    void shouldParseFullFlowFileIntoExactlyTheExpectedRecords() {
        FlowFile file = PARSER.parse("shop.yaml", resource("full/shop.yaml"));

        assertThat(file.problems()).isEmpty();
        assertThat(file.channels())
                .containsExactly(
                        new ChannelDefinition("shop", 4, shop(3, 5)),
                        new ChannelDefinition("orders", 1, shop(5, 5)),
                        new ChannelDefinition("big-orders", 1, shop(6, 5)),
                        new ChannelDefinition("orders.dlq", 1, shop(7, 5)));
        Flow expected = new Flow(
                "big-orders",
                "shop",
                List.of(
                        new Step.Filter(cel("type == \"shop.order.placed\"", 12, 13), shop(12, 5)),
                        new Step.Set(
                                List.of(
                                        new FieldAssignment("data.total", cel("data.price * double(data.qty)", 14, 19)),
                                        new FieldAssignment(
                                                "region", cel("data.country == \"DE\" ? \"eu\" : \"other\"", 15, 16))),
                                shop(13, 5)),
                        new Step.Route(
                                List.of(new RouteCase(
                                        cel("data.total > 500.0", 17, 15),
                                        List.of(new Destination.ToChannel("big-orders", shop(19, 13))))),
                                shop(16, 5))),
                List.of(
                        new Destination.ToChannel("orders", shop(21, 5)),
                        new Destination.ToTable(
                                "revenue",
                                cel("data.user", 24, 12),
                                List.of(new FieldAssignment(
                                        "revenue", cel("(has(row.revenue) ? row.revenue : 0.0) + data.total", 26, 19))),
                                shop(22, 5)),
                        new Destination.ToWebhook(
                                "http://127.0.0.1:9000/hook",
                                Map.of("X-Token", "s3cret"),
                                new RetryPolicy(3, Duration.ofMillis(250), Duration.ofMinutes(2)),
                                "orders.dlq",
                                shop(27, 5))),
                shop(9, 1));
        assertThat(file.flows()).containsExactly(expected);
    }

    @Test
    void shouldReadATableWithModeConditionsAndDelete() {
        FlowFile file = PARSER.parse("shop.yaml", """
                flow: customers
                from: shop
                to:
                  - table:
                      name: customers
                      key: subject
                      when: type.startsWith("shop.customer.")
                      delete: type == "shop.customer.deleted"
                      mode: replace
                      set:
                        name: data.name
                  - table: { name: last-seen, key: subject }
                  - table: { name: profiles, key: subject, mode: merge }
                """);

        assertThat(file.problems()).isEmpty();
        assertThat(file.flows().getFirst().to())
                .containsExactly(
                        new Destination.ToTable(
                                "customers",
                                cel("subject", 6, 12),
                                List.of(new FieldAssignment("name", cel("data.name", 11, 15))),
                                TableMode.REPLACE,
                                cel("type.startsWith(\"shop.customer.\")", 7, 13),
                                cel("type == \"shop.customer.deleted\"", 8, 15),
                                shop(4, 5)),
                        new Destination.ToTable(
                                "last-seen",
                                cel("subject", 12, 36),
                                List.of(),
                                TableMode.REPLACE,
                                null,
                                null,
                                shop(12, 5)),
                        new Destination.ToTable(
                                "profiles",
                                cel("subject", 13, 35),
                                List.of(),
                                TableMode.MERGE,
                                null,
                                null,
                                shop(13, 5)));
    }

    @Test
    void shouldRememberWhereChannelNamesWereWritten() {
        FlowFile file = PARSER.parse("shop.yaml", resource("full/shop.yaml"));
        Flow flow = file.flows().getFirst();
        Step.Route route = (Step.Route) flow.steps().get(2);

        assertThat(file.references().from(flow)).isEqualTo(shop(10, 7));
        assertThat(file.references().channel(route.cases().getFirst().to().getFirst()))
                .isEqualTo(shop(19, 22));
        assertThat(file.references().channel(flow.to().get(0))).isEqualTo(shop(21, 14));
        assertThat(file.references().channel(flow.to().get(2))).isEqualTo(shop(31, 20));
    }

    @Test
    void shouldLocateBlockScalarExpressionsAtTheirFirstLine() {
        FlowFile file = PARSER.parse("audit.yml", resource("full/audit.yml"));

        assertThat(file.problems()).isEmpty();
        Flow flow = file.flows().getFirst();
        assertThat(flow.steps())
                .containsExactly(new Step.Filter(
                        new Expression(
                                "type.startsWith(\"shop.\") &&\n  data.total >= 0\n",
                                new SourceLocation("audit.yml", 5, 7)),
                        new SourceLocation("audit.yml", 4, 5)));
        assertThat(flow.to())
                .containsExactly(new Destination.ToChannel("orders.dlq", new SourceLocation("audit.yml", 7, 5)));
    }

    @Test
    void shouldGiveTheSameModelAsTheJavaBuilderIgnoringLocations() {
        Flow built = Flow.named("big-orders")
                .from("shop")
                .filter("type == 'shop.order.placed' && data.amount > 500.0")
                .set("data.flagged", "true")
                .route("data.amount > 10000.0", "huge-orders")
                .toChannel("orders")
                .toTable("orders-by-user", "data.user")
                .toWebhook("http://127.0.0.1:9000/hook")
                .build();
        String yaml = """
                flow: big-orders
                from: shop
                steps:
                  - filter: type == 'shop.order.placed' && data.amount > 500.0
                  - set:
                      data.flagged: "true"
                  - route:
                      - when: data.amount > 10000.0
                        to: [{ channel: huge-orders }]
                to:
                  - channel: orders
                  - table: { name: orders-by-user, key: data.user }
                  - webhook: http://127.0.0.1:9000/hook
                """;

        FlowFile file = PARSER.parse("shop.yaml", yaml);

        assertThat(file.problems()).isEmpty();
        Flow parsed = file.flows().getFirst();
        assertThat(WithoutLocations.of(parsed)).isEqualTo(WithoutLocations.of(built));
        assertThat(parsed.steps())
                .map(Step::getClass)
                .containsExactly(Step.Filter.class, Step.Set.class, Step.Route.class);
    }

    @Test
    void shouldReadSeveralFlowsAndChannelDocumentsInOrder() {
        String yaml = """
                flow: first
                from: a
                to: { channel: b }
                ---
                channels: [a, b]
                ---
                flow: second
                from: b
                to: [{ channel: a }]
                ---
                """;

        FlowFile file = PARSER.parse("two.yaml", yaml);

        assertThat(file.problems()).isEmpty();
        assertThat(file.flows()).map(Flow::name).containsExactly("first", "second");
        assertThat(file.channels()).map(ChannelDefinition::name).containsExactly("a", "b");
    }

    @Test
    void shouldExpandEnvironmentVariablesWithDefaultsInWebhooks() {
        FlowFileParser parser = new FlowFileParser(Map.of("HOOK_HOST", "hooks.example.com", "TOKEN", "t0k"));
        String yaml = """
                flow: notify
                from: shop
                to:
                  - webhook:
                      url: https://${HOOK_HOST}:${HOOK_PORT:-8443}/flows
                      headers:
                        Authorization: Bearer ${TOKEN}
                        X-Template: $${NOT_EXPANDED}
                """;

        Destination.ToWebhook webhook = (Destination.ToWebhook)
                parser.parse("notify.yaml", yaml).flows().getFirst().to().getFirst();

        assertThat(webhook.url()).isEqualTo("https://hooks.example.com:8443/flows");
        assertThat(webhook.headers()).isEqualTo(Map.of("Authorization", "Bearer t0k", "X-Template", "${NOT_EXPANDED}"));
        assertThat(webhook.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(webhook.deadLetter()).isEqualTo(ChannelDefinition.DEAD_LETTER);
    }

    @Test
    void shouldAcceptIsoDurationsAndDefaultTheRestOfTheRetryPolicy() {
        String yaml = """
                flow: notify
                from: shop
                to:
                  - webhook: { url: "http://127.0.0.1:9000/", retry: { backoff: PT1S } }
                """;

        Destination.ToWebhook webhook = (Destination.ToWebhook)
                PARSER.parse("notify.yaml", yaml).flows().getFirst().to().getFirst();

        assertThat(webhook.retry()).isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    @Test
    void shouldParseAnEmptyFileIntoNothing() {
        FlowFile file = PARSER.parse("empty.yaml", "# nothing yet\n");

        assertThat(file.channels()).isEmpty();
        assertThat(file.flows()).isEmpty();
        assertThat(file.problems()).isEmpty();
    }
}
