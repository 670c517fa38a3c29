package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the parser reports for the steps beyond filter, set and route, and for a flow's time: one test per
 * kind of problem, each asserting the whole messages at their file positions.
 */
class StepProblemsTest {

    private static final FlowFileParser PARSER = new FlowFileParser(Map.of());

    private static List<String> problems(String steps) {
        String yaml = "flow: checks\nfrom: shop\nsteps:\n" + steps + "to: { channel: orders }\n";
        return PARSER.parse("shop.yaml", yaml).problems().stream()
                .map(Problem::toString)
                .toList();
    }

    @Test
    void shouldReportBadRemoveMappingSplitAndDedupeValues() {
        assertThat(problems("""
                          - remove: []
                          - remove: [data.card, subject, "data..x", {a: b}]
                          - remove: id
                          - mapping: [a]
                          - split:
                          - dedupe: { key: data.id }
                          - dedupe: { key: data.id, within: 0s }
                          - dedupe: data.id
                        """))
                .containsExactly(
                        "shop.yaml:4:13: 'remove' needs at least one field path, e.g. remove: [data.card, data.cvv]",
                        "shop.yaml:5:25: cannot remove 'subject' (an attribute of the event itself); use a data field"
                                + " (data.<field>[.<field>...]) or an extension name (1 to 20 lower-case letters and"
                                + " digits), e.g. data.card",
                        "shop.yaml:5:34: 'data..x' is not a field path: '' is not a field name (letters, digits, '_'"
                                + " and '-', starting with a letter or '_'); use a data field (data.<field>[.<field>...])"
                                + " or an extension name (1 to 20 lower-case letters and digits)",
                        "shop.yaml:5:45: an item of 'remove' must be a field path, found a map; write e.g. - data.card",
                        "shop.yaml:6:13: cannot remove 'id' (an attribute of the event itself); use a data field"
                                + " (data.<field>[.<field>...]) or an extension name (1 to 20 lower-case letters and"
                                + " digits), e.g. data.card",
                        "shop.yaml:7:14: 'mapping' must be a JSONata expression, found a list; write e.g. mapping: '{"
                                + " \"user\": subject, \"amount\": data.amount }'",
                        "shop.yaml:8:11: 'split' must be a CEL expression giving a list, found nothing; write e.g."
                                + " split: data.lines",
                        "shop.yaml:9:13: a dedupe step needs 'within', how long (in event time) a key is remembered,"
                                + " e.g. within: 10m",
                        "shop.yaml:10:37: within must be longer than zero; use 250ms, 5s, 2m, 1h or PT5M",
                        "shop.yaml:11:13: 'dedupe' must be a map with key and within, found 'data.id'; write e.g."
                                + " dedupe: { key: data.id, within: 10m }");
    }

    @Test
    void shouldReportBadOnErrorSayingWhatEachValueDoes() {
        assertThat(problems("""
                          - filter: type == "a"
                            on-error: skipp
                          - filter: type == "a"
                            on-eror: skip
                          - { on-error: skip }
                        """))
                .containsExactly(
                        "shop.yaml:5:15: 'on-error' must be one of fail, skip, dead-letter (fail stops the flow at the"
                                + " event, skip drops the event, dead-letter sends it to the dead-letter channel),"
                                + " found 'skipp'; did you mean 'skip'?",
                        "shop.yaml:7:5: unknown key 'on-eror' in a step; did you mean 'on-error'? A step is one of:"
                                + " filter, set, remove, mapping, enrich, route, split, dedupe, window, join, pattern,"
                                + " with an optional on-error next to it",
                        "shop.yaml:8:5: a step needs one of filter, set, remove, mapping, enrich, route, split, dedupe,"
                                + " window, join, pattern, found none of them; e.g. - filter: type =="
                                + " \"shop.order.placed\"");
    }

    @Test
    void shouldReportEnrichWithoutExactlyOneLookupOrWithBadValues() {
        assertThat(problems("""
                          - enrich: { file: a.json, table: customers, key: data.k, into: data.x }
                          - enrich: { key: data.k, into: data.x }
                          - enrich: { fiel: a.json, key: data.k, into: data.x }
                          - enrich: { file: /etc/regions.json, key: data.k, into: subject }
                          - enrich: { table: Customers, into: "data.", default: [1] }
                          - enrich: regions.json
                        """))
                .containsExactly(
                        "shop.yaml:4:13: an enrich step has exactly one of file, table, this one has file and table;"
                                + " keep one",
                        "shop.yaml:5:13: an enrich step needs one of file, table, found none of them; e.g. enrich: {"
                                + " file: regions.json, key: data.country, into: data.region }",
                        "shop.yaml:6:15: unknown key 'fiel' in an enrich step; did you mean 'file'? An enrich step has"
                                + " the keys: file, table, key, into, default",
                        "shop.yaml:7:21: lookup file '/etc/regions.json' is an absolute path; give it relative to the"
                                + " flow directory, so that the flows and their data move together, e.g. file:"
                                + " regions.json",
                        "shop.yaml:7:59: cannot write the lookup result into 'subject' (an attribute of the event"
                                + " itself); use a data field (data.<field>[.<field>...]) or an extension name (1 to 20"
                                + " lower-case letters and digits), e.g. data.region",
                        "shop.yaml:8:22: table name 'Customers' is not valid; use lower-case letters, digits, '.', '-'"
                                + " and '_', starting with a letter, e.g. customers",
                        "shop.yaml:8:13: an enrich step needs 'key', a CEL expression giving the key to look up, e.g."
                                + " key: data.country",
                        "shop.yaml:8:39: 'data.' is not a field path: '' is not a field name (letters, digits, '_' and"
                                + " '-', starting with a letter or '_'); use a data field (data.<field>[.<field>...])"
                                + " or an extension name (1 to 20 lower-case letters and digits)",
                        "shop.yaml:8:57: an enrich's 'default' must be a CEL expression, found a list; write e.g."
                                + " default: '\"OTHER\"'",
                        "shop.yaml:9:13: 'enrich' must be a map with file or table, key and into, found 'regions.json';"
                                + " write e.g. enrich: { file: regions.json, key: data.country, into: data.region }");
    }

    @Test
    void shouldReportOtherwiseThatIsNotAloneLastAndAfterACase() {
        assertThat(problems("""
                          - route:
                              - otherwise: { channel: a }
                          - route:
                              - when: data.x > 1
                                to: { channel: a }
                              - otherwise: { channel: b }
                              - when: data.x > 2
                                to: { channel: c }
                          - route:
                              - when: data.x > 1
                                to: { channel: a }
                                otherwise: { channel: b }
                          - route:
                              - when: data.x > 1
                                to: { channel: a }
                              - otherwise: []
                          - route:
                              - when: data.x > 1
                                to: { channel: a }
                              - othrwise: { channel: b }
                        """))
                .containsExactly(
                        "shop.yaml:5:9: a route needs at least one case before 'otherwise', e.g. - when: data.amount >"
                                + " 500.0 with to: [{channel: big-orders}]; to send every event somewhere, use the"
                                + " flow's to instead",
                        "shop.yaml:9:9: 'otherwise' must be the last item of a route: the cases after it could never"
                                + " match; move it to the end",
                        "shop.yaml:13:9: 'otherwise' stands alone in the last item of a route, without when or to;"
                                + " make the case its own item, e.g. - otherwise: [{channel: other-orders}]",
                        "shop.yaml:19:20: 'otherwise' needs at least one destination, e.g. otherwise: [{channel:"
                                + " other-orders}]",
                        "shop.yaml:23:9: unknown key 'othrwise' in a route case; did you mean 'otherwise'? A route case"
                                + " has the keys: when, to; the last item may instead be otherwise",
                        "shop.yaml:23:9: a route case needs 'when', a CEL condition, e.g. when: data.amount > 500.0",
                        "shop.yaml:23:9: a route case needs 'to', where matching events go, e.g. to: [{channel:"
                                + " big-orders}]");
    }

    @Test
    void shouldReportWindowShapesThatAreMissingDoubledOrNotPositive() {
        assertThat(problems("""
                          - window:
                              tumbling: 1m
                              hopping: { size: 1m, advance: 10s }
                              aggregate: { n: count() }
                          - window:
                              aggregate: { n: count() }
                          - window:
                              tumbling: 0s
                              aggregate: { n: count() }
                          - window:
                              hopping: { size: 10s, advance: 1m }
                              aggregate: { n: count() }
                          - window:
                              hopping: { size: 10s }
                              aggregate: { n: count() }
                          - window:
                              session: 30m
                              aggregate: { n: count() }
                          - window:
                              session: { gap: 30 minutes }
                              aggregate: { n: count() }
                        """))
                .containsExactly(
                        "shop.yaml:5:7: a window step has exactly one of tumbling, hopping, session, this one has"
                                + " tumbling and hopping; keep one",
                        "shop.yaml:9:7: a window step needs one of tumbling, hopping, session, found none of them; e.g."
                                + " window: { tumbling: 1m, aggregate: { count: count() } }",
                        "shop.yaml:11:17: tumbling must be longer than zero; use 250ms, 5s, 2m, 1h or PT5M",
                        "shop.yaml:14:38: a hopping window's advance (1m) is longer than its size (10s), which would"
                                + " leave events out of every window; make advance at most size, e.g. size: 60s,"
                                + " advance: 10s",
                        "shop.yaml:17:16: a hopping window needs 'advance', how often a window starts, e.g. advance:"
                                + " 10s",
                        "shop.yaml:20:16: 'session' must be a map with gap, found '30m'; write e.g. session: { gap: 30m"
                                + " }",
                        "shop.yaml:23:23: gap '30 minutes' is not a duration; use 250ms, 5s, 2m, 1h or PT5M");
    }

    @Test
    void shouldReportBadAggregateCallsAtTheirCharacter() {
        assertThat(problems("""
                          - window:
                              tumbling: 1m
                              aggregate:
                                a: sum(
                                b: median(data.x)
                                c: count(data.x)
                                d: sum( )
                                e: data.x
                                f: avgg(data.x)
                                g: "sum(data.x) + 1"
                          - window:
                              tumbling: 1m
                              aggregate: {}
                          - window:
                              tumbling: 1m
                              aggregate: [count()]
                        """))
                .containsExactly(
                        "shop.yaml:7:16: aggregate 'a': 'sum(' does not end with ')'; write function(expression), such"
                                + " as sum(data.amount) or count()",
                        "shop.yaml:8:12: aggregate 'b': unknown function 'median'; the functions are count, sum, min,"
                                + " max, avg, count_distinct, first, last",
                        "shop.yaml:9:18: aggregate 'c': count() takes no expression, it counts the window's events;"
                                + " write count(), or count_distinct(data.x) to count different values",
                        "shop.yaml:10:17: aggregate 'd': sum() needs an expression to aggregate, e.g. sum(data.amount)",
                        "shop.yaml:11:12: aggregate 'e' is not a function call: 'data.x'; write function(expression),"
                                + " such as sum(data.amount) or count(); the functions are count, sum, min, max, avg,"
                                + " count_distinct, first, last",
                        "shop.yaml:12:12: aggregate 'f': unknown function 'avgg'; did you mean 'avg'? The functions are"
                                + " count, sum, min, max, avg, count_distinct, first, last",
                        "shop.yaml:13:28: aggregate 'g': 'sum(data.x) + 1' does not end with ')'; write"
                                + " function(expression), such as sum(data.amount) or count()",
                        "shop.yaml:16:18: 'aggregate' needs at least one result, e.g. aggregate: { count: count(),"
                                + " revenue: sum(data.amount) }",
                        "shop.yaml:19:18: 'aggregate' must be a map from result field to function(expression), found a"
                                + " list; write e.g. aggregate: { count: count(), revenue: sum(data.amount) }");
    }

    @Test
    void shouldReportBadWindowOptionsAndAMisspeltKeyOnce() {
        assertThat(problems("""
                          - window:
                              tumbling: 1m
                              aggregate: { n: count() }
                              emit: always
                              grace: -1s
                              late: Late Events
                              type: ""
                              by: [data.item]
                          - window:
                              tumbling: 1m
                              aggregates: { n: count() }
                        """))
                .containsExactly(
                        "shop.yaml:11:11: 'by' must be a map from result field to CEL expression, found a list; write"
                                + " e.g. by: { item: data.item }",
                        "shop.yaml:7:13: a window's 'emit' must be final or changes (final: once when the window"
                                + " closes; changes: after every event that changes it), found 'always'",
                        "shop.yaml:8:14: grace '-1s' is not a duration; use 250ms, 5s, 2m, 1h or PT5M",
                        "shop.yaml:9:13: channel name 'Late Events' is not valid; use lower-case letters, digits, '.',"
                                + " '-' and '_', starting with a letter, e.g. late-events",
                        "shop.yaml:10:13: a window's 'type' must be an event type, found ''; write e.g. type:"
                                + " shop.item.minute",
                        "shop.yaml:14:7: unknown key 'aggregates' in a window step; did you mean 'aggregate'? A window"
                                + " step has the keys: tumbling, hopping, session, by, aggregate, emit, grace, late,"
                                + " type");
    }

    @Test
    void shouldReportJoinWithoutChannelOrWithBadWithin() {
        assertThat(problems("""
                          - join: { key: data.order, within: 1m }
                          - join: { channel: payments, key: data.order }
                          - join: { channel: payments, key: data.order, within: 0s }
                          - join: { channel: payments, key: data.order, within: { before: 0s, after: 0s } }
                          - join: { channel: payments, key: data.order, within: {} }
                          - join: { channel: payments, key: data.order, within: { befor: 1m } }
                          - join: { channel: payments, key: data.order, within: 5 minutes }
                        """))
                .containsExactly(
                        "shop.yaml:4:11: a join step needs 'channel', the channel whose events it pairs with, e.g."
                                + " channel: payments",
                        "shop.yaml:5:11: a join step needs 'within', how far apart in event time paired events may be,"
                                + " e.g. within: { before: 0s, after: 30m }",
                        "shop.yaml:6:57: within must be longer than zero; use 250ms, 5s, 2m, 1h or PT5M",
                        "shop.yaml:7:57: a join's 'within' is 0s before and after, so only events of the very same"
                                + " instant would pair; give at least one side a length, e.g. within: { before: 0s,"
                                + " after: 30m }",
                        "shop.yaml:8:57: a join's 'within' needs before, after or both, e.g. within: { before: 0s,"
                                + " after: 30m }",
                        "shop.yaml:9:59: unknown key 'befor' in a join's within; did you mean 'before'? A join's within"
                                + " has the keys: before, after",
                        "shop.yaml:10:57: within '5 minutes' is not a duration; use 250ms, 5s, 2m, 1h or PT5M");
    }

    @Test
    void shouldReportJoinAsAndEmitOfTheWrongShape() {
        assertThat(problems("""
                          - join: { channel: payments, key: data.order, within: 1m, as: [x], emit: { set: {} } }
                          - join: { channel: payments, key: data.order, within: 1m, emit: { type: x, sett: {} } }
                          - join: { channel: payments, key: data.order, within: 1m, emit: order.paid }
                          - join: { channel: payments, key: data.order, within: 1m, emit: { type: x, set: [a] } }
                        """))
                .containsExactly(
                        "shop.yaml:4:65: a join's 'as' must be a name for the other event, found a list; write e.g. as:"
                                + " payment",
                        "shop.yaml:4:76: an emit needs 'type', the type of the event it emits, e.g. type:"
                                + " shop.checkout.abandoned",
                        "shop.yaml:5:78: unknown key 'sett' in an emit; did you mean 'set'? An emit has the keys: type,"
                                + " set",
                        "shop.yaml:6:67: 'emit' must be a map with type and optionally set, found 'order.paid'; write"
                                + " e.g. emit: { type: order.paid, set: { data.paid: other.data.amount } }",
                        "shop.yaml:7:83: an emit's 'set' must be a map from field to CEL expression, found a list;"
                                + " write e.g. set: { data.total: data.price * 2.0 }");
    }

    @Test
    void shouldReportPatternStagesOfTheWrongShape() {
        assertThat(problems("""
                          - pattern:
                              key: data.order
                              sequence:
                                - name: a
                                  when: type == "a"
                                  times: 0
                                - name: b
                                  when: type == "b"
                                  absent: yes
                                - name: c
                                  when: type == "c"
                                  times: 2
                                  absent: true
                                - when: type == "d"
                                - name: e
                                - nme: f
                                  when: type == "f"
                                - just-a-name
                              within: 30m
                              emit: { type: x }
                        """))
                .containsExactly(
                        "shop.yaml:9:18: times must be a whole number from 1 to 1000, found '0'",
                        "shop.yaml:12:19: absent must be true or false, found 'yes'",
                        "shop.yaml:15:18: stage 'c' is absent, so it matches no event and cannot count them (times: 2);"
                                + " remove times, or absent",
                        "shop.yaml:17:11: a pattern stage needs 'name', which emit uses to read its event, e.g. name:"
                                + " checkout",
                        "shop.yaml:18:11: a pattern stage needs 'when', a CEL condition its events meet, e.g. when: type"
                                + " == \"shop.checkout.start\"",
                        "shop.yaml:19:11: unknown key 'nme' in a pattern stage; did you mean 'name'? A pattern stage has"
                                + " the keys: name, when, times, absent",
                        "shop.yaml:21:11: a pattern stage must be a map with name and when, found 'just-a-name'; write"
                                + " e.g. - name: checkout");
    }

    @Test
    void shouldReportPatternWithoutItsParts() {
        assertThat(problems("""
                          - pattern:
                              sequence: { name: a }
                          - pattern:
                              key: data.order
                              sequence: [{ name: a, when: type == "a" }]
                              within: 0s
                              emit: { type: x }
                        """))
                .containsExactly(
                        "shop.yaml:5:7: a pattern step needs 'key', a CEL expression giving the key events are matched"
                                + " by, e.g. key: data.order",
                        "shop.yaml:5:17: 'sequence' must be a list of stages, each starting with '- ', found a map;"
                                + " write e.g. - name: checkout",
                        "shop.yaml:5:7: a pattern step needs 'within', how long after its first event a match may take,"
                                + " e.g. within: 30m",
                        "shop.yaml:5:7: a pattern step needs 'emit', the event a match emits, e.g. emit: { type:"
                                + " shop.checkout.abandoned }",
                        "shop.yaml:9:15: within must be longer than zero; use 250ms, 5s, 2m, 1h or PT5M");
    }

    @Test
    void shouldReportBadEventTime() {
        List<String> problems = PARSER.parse("shop.yaml", """
                        flow: time
                        from: shop
                        time:
                          field: [data.at]
                          out-of-order: soon
                          idle: -1s
                          lag: 1s
                        to: { channel: orders }
                        ---
                        flow: time2
                        from: shop
                        time: 5s
                        to: { channel: orders }
                        """).problems().stream()
                .map(Problem::toString)
                .toList();

        assertThat(problems)
                .containsExactly(
                        "shop.yaml:7:3: unknown key 'lag' in a flow's time; a flow's time has the keys: field,"
                                + " out-of-order, idle",
                        "shop.yaml:4:10: 'field' must be a CEL expression giving the event time (a timestamp or epoch"
                                + " milliseconds), found a list; write e.g. field: data.at",
                        "shop.yaml:5:17: out-of-order 'soon' is not a duration; use 250ms, 5s, 2m, 1h or PT5M",
                        "shop.yaml:6:9: idle '-1s' is not a duration; use 250ms, 5s, 2m, 1h or PT5M",
                        "shop.yaml:12:7: 'time' must be a map with field, out-of-order and idle, or the word processing, found '5s'; write e.g."
                                + " time: { field: data.at, out-of-order: 2s, idle: 30s }");
    }
}
