package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.expression.CelCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowValidatorTest {

    private static final FlowValidator VALIDATOR = new FlowValidator(new CelCompiler());
    private static final FlowFileParser PARSER = new FlowFileParser(Map.of());

    private static ChannelDefinition channel(String name) {
        return new ChannelDefinition(name, 1, SourceLocation.JAVA);
    }

    /** Parses the files, then validates them together, as {@link FlowDirectory} does. */
    private static List<String> validate(String... namesAndTexts) {
        List<ChannelDefinition> channels = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        ReferenceLocations references = ReferenceLocations.none();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            FlowFile file = PARSER.parse(namesAndTexts[i], namesAndTexts[i + 1]);
            assertThat(file.problems()).isEmpty();
            channels.addAll(file.channels());
            flows.addAll(file.flows());
            references = references.plus(file.references());
        }
        return VALIDATOR.validate(new FlowSet(channels, flows), references).stream()
                .map(Problem::toString)
                .toList();
    }

    @Test
    void shouldAcceptValidFlowsBuiltInJava() {
        Flow flow = Flow.named("big-orders")
                .from("shop")
                .filter("type == 'shop.order.placed' && data.amount > 500")
                .set("data.total", "data.price * double(data.qty)")
                .route("data.total > 10000.0", "huge")
                .toTable("revenue", "data.user")
                .toWebhook("http://127.0.0.1:9000/hook")
                .build();

        assertThat(VALIDATOR.validate(new FlowSet(List.of(channel("shop"), channel("huge")), List.of(flow))))
                .isEmpty();
    }

    @Test
    void shouldReportProblemsOfJavaFlowsAtTheirJavaLocation() {
        Flow flow = Flow.named("big-orders")
                .from("shop")
                .filter("type")
                .toChannel("orders")
                .build();

        assertThat(VALIDATOR.validate(new FlowSet(List.of(channel("shop")), List.of(flow))))
                .map(Problem::toString)
                .containsExactly(
                        "<java>: a filter or route condition must be a bool expression, this one is of type string;"
                                + " compare it, e.g. type == \"shop.order.placed\"",
                        "<java>: channel 'orders' is not declared; declare it in a channels: document. The declared"
                                + " channels are: flows.dead-letter, flows.system, shop");
    }

    @Test
    void shouldCheckTheConditionsOfATableWithRowBoundForDeleteOnly() {
        assertThat(validate("shop.yaml", """
                        channels: [shop]
                        ---
                        flow: customers
                        from: shop
                        to:
                          - table:
                              name: customers
                              key: subject
                              when: has(row.name)
                              delete: size(row)
                              set: { orders: "row.orders + 1", name: data.nme.trim() }
                        """))
                .containsExactly(
                        "shop.yaml:9:17: undeclared reference to 'row'; the variables are id, source, type,"
                                + " specversion, subject, time, datacontenttype, dataschema, data, extensions",
                        "shop.yaml:10:15: a filter or route condition must be a bool expression, this one is of"
                                + " type int; compare it, e.g. data.amount > 500.0");
    }

    @Test
    void shouldReportDuplicateFlowAndChannelNamesAcrossFilesWithTheFirstLocation() {
        assertThat(validate(
                        "a.yaml", "channels: [shop]\n---\nflow: copy\nfrom: shop\nto: { channel: shop }\n",
                        "b.yaml", "channels:\n  - shop\n---\nflow: copy\nfrom: shop\nto: { channel: shop }\n"))
                .containsExactly(
                        "b.yaml:2:5: channel 'shop' is declared twice; the first is at a.yaml:1:12; declare each"
                                + " channel once",
                        "b.yaml:4:1: flow 'copy' is declared twice; the first is at a.yaml:3:1; give each flow its own"
                                + " name");
    }

    @Test
    void shouldReportUndeclaredChannelsWhereTheyAreNamedWithTheClosestSuggestion() {
        String yaml = """
                channels: [shop, orders, big-orders]
                ---
                flow: split
                from: shop
                steps:
                  - route:
                      - when: data.amount > 500.0
                        to: [{ channel: big-ordres }]
                to:
                  - channel: archive
                  - webhook: { url: "http://127.0.0.1:9000/", dead-letter: order }
                """;

        assertThat(validate("shop.yaml", yaml))
                .containsExactly(
                        "shop.yaml:8:25: channel 'big-ordres' is not declared; did you mean 'big-orders'? The declared"
                                + " channels are: big-orders, flows.dead-letter, flows.system, orders, shop",
                        "shop.yaml:10:14: channel 'archive' is not declared; declare it in a channels: document. The"
                                + " declared channels are: big-orders, flows.dead-letter, flows.system, orders, shop",
                        "shop.yaml:11:60: dead-letter channel 'order' is not declared (leave dead-letter out to use"
                                + " flows.dead-letter); did you mean 'orders'? The declared channels are: big-orders,"
                                + " flows.dead-letter, flows.system, orders, shop");
    }

    @Test
    void shouldLocateCelErrorsPreciselyInPlainQuotedAndBlockScalars() {
        String yaml = """
                channels: [shop]
                ---
                flow: checks
                from: shop
                steps:
                  - filter: dta.x > 1
                  - filter: "type == 'a' && dtaa > 1"
                  - filter: 'type == "a" || sujbect == "b"'
                  - filter: |
                      type == "a" &&
                        extensons.x == 1
                to: { channel: shop }
                """;

        assertThat(validate("shop.yaml", yaml))
                .map(problem -> problem.substring(0, problem.indexOf(';')))
                .containsExactly(
                        "shop.yaml:6:13: undeclared reference to 'dta'",
                        "shop.yaml:7:29: undeclared reference to 'dtaa'",
                        "shop.yaml:8:29: undeclared reference to 'sujbect'",
                        "shop.yaml:11:9: undeclared reference to 'extensons'");
    }

    @Test
    void shouldCompileRouteConditionsAsBoolAndTableSetWithRow() {
        String yaml = """
                channels: [shop, big]
                ---
                flow: revenue
                from: shop
                steps:
                  - route:
                      - when: data.amount
                        to: { channel: big }
                      - when: data.amount * 2
                        to: { channel: big }
                to:
                  - table:
                      name: revenue
                      key: row.user
                      set:
                        total: "(has(row.total) ? row.total : 0.0) + data.amount"
                """;

        assertThat(validate("shop.yaml", yaml))
                .containsExactly(
                        "shop.yaml:9:15: a filter or route condition must be a bool expression, this one is of type"
                                + " int; compare it, e.g. data.amount > 500.0",
                        "shop.yaml:14:12: undeclared reference to 'row'; the variables are id, source, type,"
                                + " specversion, subject, time, datacontenttype, dataschema, data, extensions");
    }

    @Test
    void shouldAlwaysKnowTheDeadLetterChannel() {
        Flow flow = Flow.named("dlq-watch")
                .from(ChannelDefinition.DEAD_LETTER)
                .to(new Destination.ToWebhook(
                        "http://127.0.0.1:9000/",
                        Map.of(),
                        RetryPolicy.DEFAULT,
                        ChannelDefinition.DEAD_LETTER,
                        SourceLocation.JAVA))
                .build();

        assertThat(VALIDATOR.validate(new FlowSet(List.of(), List.of(flow)))).isEmpty();
    }

    @Test
    void shouldCompileADatabaseDestinationsColumnsAndCheckItsDeadLetterChannel() {
        assertThat(validate("customers.yaml", """
                        channels: [shop]
                        ---
                        flow: customer-sync
                        from: shop
                        to:
                          - postgres:
                              url: jdbc:postgresql://127.0.0.1/test
                              table: customers
                              key: id
                              columns: { id: data.id, total: "data.amount +" }
                              dead-letter: customers.dlq
                        """)).hasSize(2).satisfies(problems -> {
            assertThat(problems.get(0))
                    .isEqualTo("customers.yaml:10:52: syntax error: the expression ends too early (mismatched"
                            + " input '<EOF>'); complete it, e.g. type == \"shop.order.placed\"");
            assertThat(problems.get(1))
                    .startsWith("customers.yaml:11:20: dead-letter channel 'customers.dlq' is not declared");
        });
    }
}
