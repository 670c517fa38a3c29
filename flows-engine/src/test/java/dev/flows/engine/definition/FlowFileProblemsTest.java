package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per kind of problem a single flow file can have, each asserting the whole message. */
class FlowFileProblemsTest {

    private static final FlowFileParser PARSER = new FlowFileParser(Map.of());

    private static List<String> problems(String yaml) {
        return PARSER.parse("shop.yaml", yaml).problems().stream()
                .map(Problem::toString)
                .toList();
    }

    @Test
    void shouldReportYamlSyntaxErrorAtItsMarkKeepingEarlierDocuments() {
        String yaml = """
                flow: first
                from: shop
                to: { channel: orders }
                ---
                flow: second
                from: shop
                  to: orders
                """;

        FlowFile file = PARSER.parse("shop.yaml", yaml);

        assertThat(file.problems())
                .map(Problem::toString)
                .containsExactly("shop.yaml:7:5: YAML syntax error: mapping values are not allowed here; check this"
                        + " line's indentation, and quote a value that contains ': ' (e.g. filter: 'a: b')");
        assertThat(file.flows()).hasSize(1);
    }

    @Test
    void shouldReportUnclosedQuoteWhereItStarts() {
        assertThat(problems("""
                        flow: big-orders
                        from: shop
                        steps:
                          - filter: "type == 'a'
                        """))
                .containsExactly("shop.yaml:5:1: YAML syntax error: found unexpected end of stream while scanning a"
                        + " quoted scalar that starts at line 4, column 13; close the quote");
    }

    @Test
    void shouldReportDocumentThatIsNeitherFlowNorChannels() {
        assertThat(problems("""
                        flwo: big-orders
                        from: shop
                        """))
                .containsExactly("shop.yaml:1:1: a document must be a flow (flow: <name>) or channel declarations"
                        + " (channels: [...]); this one has the keys flwo, from; did you mean 'flow' instead of"
                        + " 'flwo'?");
        assertThat(problems("- just\n- a list\n"))
                .containsExactly("shop.yaml:1:1: a document must be a map starting with flow: (one flow) or"
                        + " channels: (channel declarations), found a list");
    }

    @Test
    void shouldReportUnknownKeyWithSuggestion() {
        assertThat(problems("""
                        flow: big-orders
                        from: shop
                        steps:
                          - filter: type == "a"
                          - fliter: type == "b"
                        to: { channel: orders }
                        """))
                .containsExactly("shop.yaml:5:5: unknown key 'fliter' in a step; did you mean 'filter'? A step is one"
                        + " of: filter, set, remove, mapping, enrich, route, split, dedupe, window, join, pattern, with"
                        + " an optional on-error next to it");
    }

    @Test
    void shouldReportUnknownKeyListingTheAllowedKeysWhenNothingIsClose() {
        assertThat(problems("""
                        flow: big-orders
                        from: shop
                        description: orders over 500
                        to: { channel: orders }
                        """))
                .containsExactly("shop.yaml:3:1: unknown key 'description' in a flow; a flow has the keys: flow,"
                        + " from, time, steps, to");
    }

    @Test
    void shouldReportDuplicateKey() {
        assertThat(problems("""
                        flow: big-orders
                        from: shop
                        from: orders
                        to: { channel: orders }
                        """))
                .containsExactly("shop.yaml:3:1: key 'from' appears twice in a flow; the first is at line 2; keep one");
    }

    @Test
    void shouldReportMissingFrom() {
        assertThat(problems("""
                        flow: big-orders
                        to: { channel: orders }
                        """))
                .containsExactly("shop.yaml:1:1: flow 'big-orders' has no 'from'; add from: <channel>, naming the"
                        + " channel it reads, e.g. from: shop");
    }

    @Test
    void shouldReportWrongNodeKinds() {
        assertThat(problems("""
                        flow: big-orders
                        from: [shop, orders]
                        steps:
                          filter: type == "a"
                        to: { channel: orders }
                        """))
                .containsExactly(
                        "shop.yaml:2:7: 'from' must be a channel name or a schedule, found a list; write e.g. from: shop or from: { every: 10s }",
                        "shop.yaml:4:3: 'steps' must be a list of steps, each starting with '- ', found a map; write"
                                + " e.g. - filter: type == \"a.b\"");
    }

    @Test
    void shouldReportStepThatIsNotExactlyOneKind() {
        assertThat(problems("""
                        flow: big-orders
                        from: shop
                        steps:
                          - filter: type == "a"
                            set: { data.x: "1" }
                          - {}
                        to: { channel: orders }
                        """))
                .containsExactly(
                        "shop.yaml:4:5: a step has exactly one of filter, set, remove, mapping, enrich, route, split,"
                                + " dedupe, window, join, pattern, this one has filter and set; make each its own list"
                                + " item, starting with '- '",
                        "shop.yaml:6:5: a step needs one of filter, set, remove, mapping, enrich, route, split,"
                                + " dedupe, window, join, pattern, found an empty map; e.g. - filter: type =="
                                + " \"shop.order.placed\"");
    }

    @Test
    void shouldReportInvalidNames() {
        assertThat(problems("""
                        channels:
                          - Shop Orders
                          - name: flows.system
                        ---
                        flow: Big_Orders
                        from: shop
                        to:
                          - table: { name: 2revenue, key: data.user }
                        """))
                .containsExactly(
                        "shop.yaml:2:5: channel name 'Shop Orders' is not valid; use lower-case letters, digits, '.',"
                                + " '-' and '_', starting with a letter, e.g. shop.orders",
                        "shop.yaml:3:11: channel name 'flows.system' is reserved: names starting with 'flows.' belong"
                                + " to Flows' own channels (such as flows.dead-letter, always declared); choose another"
                                + " name",
                        "shop.yaml:5:7: flow name 'Big_Orders' is not valid; use lower-case letters, digits, '.', '-'"
                                + " and '_', starting with a letter, e.g. big-orders",
                        "shop.yaml:8:20: table name '2revenue' is not valid; use lower-case letters, digits, '.', '-'"
                                + " and '_', starting with a letter, e.g. revenue");
    }

    @Test
    void shouldReportBadPartitions() {
        assertThat(problems("""
                        channels:
                          - name: shop
                            partitions: 0
                          - name: orders
                            partitions: many
                          - name: clicks
                            partitions: 2048
                        """))
                .containsExactly(
                        "shop.yaml:3:17: partitions must be a whole number from 1 to 1024, found '0'",
                        "shop.yaml:5:17: partitions must be a whole number from 1 to 1024, found 'many'",
                        "shop.yaml:7:17: partitions must be a whole number from 1 to 1024, found '2048'");
    }

    @Test
    void shouldReportBadUrls() {
        assertThat(problems("""
                        flow: notify
                        from: shop
                        to:
                          - webhook: ftp://files.example.com/in
                          - webhook: { url: "${HOOK:-not a url}" }
                        """))
                .containsExactly(
                        "shop.yaml:4:14: webhook url 'ftp://files.example.com/in' is not an absolute http or https"
                                + " URL; use e.g. https://hooks.example.com/flows",
                        "shop.yaml:5:21: webhook url '${HOOK:-not a url}' (after expanding environment variables) is"
                                + " not an absolute http or https URL; use e.g. https://hooks.example.com/flows");
    }

    @Test
    void shouldReportMissingEnvironmentVariable() {
        assertThat(problems("""
                        flow: notify
                        from: shop
                        to:
                          - webhook:
                              url: https://${HOOK_HOST}/flows
                              headers: { X-Token: "${TOKEN}" }
                        """))
                .containsExactly(
                        "shop.yaml:5:12: webhook url 'https://${HOOK_HOST}/flows' uses the environment variable"
                                + " HOOK_HOST, which is not set; set it, or give a default: ${HOOK_HOST:-value}",
                        "shop.yaml:6:27: header 'X-Token' uses the environment variable TOKEN, which is not set; set"
                                + " it, or give a default: ${TOKEN:-value}");
    }

    @Test
    void shouldReportBadDurationsAndAttempts() {
        assertThat(problems("""
                        flow: notify
                        from: shop
                        to:
                          - webhook:
                              url: http://127.0.0.1:9000/hook
                              retry: { attempts: 0, backoff: 5 minuts, max-backoff: 200 }
                        """))
                .containsExactly(
                        "shop.yaml:6:26: attempts (1 means no retry) must be a whole number from 1 to 1000, found '0'",
                        "shop.yaml:6:38: backoff '5 minuts' is not a duration; use 250ms, 5s, 2m, 1h or PT5M",
                        "shop.yaml:6:61: max-backoff '200' is not a duration; use 250ms, 5s, 2m, 1h or PT5M");
    }

    @Test
    void shouldReportBackoffLongerThanItsCap() {
        assertThat(problems("""
                        flow: notify
                        from: shop
                        to:
                          - webhook: { url: "http://127.0.0.1:9000/", retry: { backoff: 1m, max-backoff: 10s } }
                        """))
                .containsExactly("shop.yaml:4:54: backoff PT1M is longer than max-backoff PT10S; make max-backoff"
                        + " at least as long as backoff");
    }

    @Test
    void shouldReportEmptyRoutesAndCasesWithoutDestinations() {
        assertThat(problems("""
                        flow: split
                        from: shop
                        steps:
                          - route: []
                          - route:
                              - when: data.amount > 500.0
                                to: []
                              - to: { channel: orders }
                        """))
                .containsExactly(
                        "shop.yaml:4:12: a route needs at least one case, e.g. - when: data.amount > 500.0 with to:"
                                + " [{channel: big-orders}]",
                        "shop.yaml:7:13: a route case needs at least one destination in 'to', e.g. to: [{channel:"
                                + " big-orders}]",
                        "shop.yaml:8:9: a route case needs 'when', a CEL condition, e.g. when: data.amount > 500.0");
    }

    @Test
    void shouldReportFlowThatWouldDoNothing() {
        assertThat(problems("""
                        flow: idle
                        from: shop
                        ---
                        flow: leaky
                        from: shop
                        steps:
                          - filter: type == "a"
                        """))
                .containsExactly(
                        "shop.yaml:1:1: flow 'idle' has no steps and no 'to', so it would do nothing; add a step or a"
                                + " destination, e.g. to: [{channel: orders}]",
                        "shop.yaml:4:1: flow 'leaky' has no 'to' and no route step, so its events go nowhere; add a"
                                + " destination, e.g. to: [{channel: orders}]");
    }

    @Test
    void shouldRefuseSetPathsThatMayNotBeWritten() {
        assertThat(problems("""
                        flow: enrich
                        from: shop
                        steps:
                          - set:
                              id: '"x"'
                              data: "{}"
                              data..total: "1"
                              Region: '"eu"'
                              data.total: data.price * 2.0
                              subject: data.user
                        to: { channel: orders }
                        """))
                .containsExactly(
                        "shop.yaml:5:7: cannot set 'id': id, source, specversion, time, datacontenttype and"
                                + " dataschema stay as the event's producer made them; set data.<field>, subject, type"
                                + " or an extension instead",
                        "shop.yaml:6:7: cannot replace 'data' as a whole; set its fields one by one, e.g. data.total",
                        "shop.yaml:7:7: 'data..total' is not a field path: '' is not a field name (letters, digits,"
                                + " '_' and '-', starting with a letter or '_'); use data.<field>[.<field>...],"
                                + " subject, type or an extension name (1 to 20 lower-case letters and digits)",
                        "shop.yaml:8:7: 'Region' is not a field path; use data.<field>[.<field>...], subject, type or"
                                + " an extension name (1 to 20 lower-case letters and digits)");
    }

    @Test
    void shouldReportMissingExpressions() {
        assertThat(problems("""
                        flow: big-orders
                        from: shop
                        steps:
                          - filter:
                        to:
                          - table: { name: revenue }
                        """))
                .containsExactly(
                        "shop.yaml:4:12: 'filter' must be a CEL condition, found nothing; write e.g. filter: type =="
                                + " \"shop.order.placed\"",
                        "shop.yaml:6:12: a table destination needs a 'key', a CEL expression giving the row's key,"
                                + " e.g. key: data.user");
    }

    @Test
    void shouldReportABadTableModeAConditionThatIsNotTextAndAReservedName() {
        assertThat(problems("""
                        flow: customers
                        from: shop
                        to:
                          - table:
                              name: flows.customers
                              key: subject
                              mode: replcae
                              when: [a, b]
                              delete:
                        """))
                .containsExactly(
                        "shop.yaml:5:13: table name 'flows.customers' is reserved: names starting with 'flows.' belong"
                                + " to Flows' own state (keyed state, checkpoints); choose another name",
                        "shop.yaml:7:13: a table's 'mode' must be one of merge, replace (merge keeps the old row's"
                                + " fields that the update does not write, replace drops them), found 'replcae'; did"
                                + " you mean 'replace'?",
                        "shop.yaml:8:13: a table's 'when' must be a CEL condition, found a list; write e.g. when: type"
                                + " == \"shop.customer.updated\"",
                        "shop.yaml:9:14: a table's 'delete' must be a CEL condition, found nothing; write e.g. delete:"
                                + " type == \"shop.customer.deleted\"");
    }

    @Test
    void shouldReportUnknownDestinationWithSuggestion() {
        assertThat(problems("""
                        flow: big-orders
                        from: shop
                        to:
                          - chanel: orders
                          - orders
                        """))
                .containsExactly(
                        "shop.yaml:4:5: unknown key 'chanel' in a destination; did you mean 'channel'? A destination"
                                + " is one of: channel, table, webhook, email, push, postgres, mariadb",
                        "shop.yaml:5:5: a destination must be a map with one of channel, table, webhook, email,"
                                + " push, postgres, mariadb, found 'orders'; write e.g. - channel: orders");
    }

    @Test
    void shouldReportKeyThatIsNotAName() {
        assertThat(problems("""
                        flow: big-orders
                        from: shop
                        ? [to, steps]
                        : orders
                        to: { channel: orders }
                        """))
                .containsExactly("shop.yaml:3:3: a key in a flow must be a name, found a list; a flow has the keys:"
                        + " flow, from, time, steps, to");
    }

    @Test
    void shouldReportTabIndentation() {
        assertThat(problems("flow: big-orders\nfrom: shop\nto:\n\t- channel: orders\n"))
                .containsExactly(
                        "shop.yaml:4:1: YAML syntax error: a tab indents this line; indent with spaces, not" + " tabs");
    }
}
