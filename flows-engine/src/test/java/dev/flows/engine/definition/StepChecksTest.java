package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Emit;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.PatternStage;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.api.flow.WindowShape;
import dev.flows.engine.expression.CelCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link FlowValidator} reports for the steps beyond filter, set and route: channels they name, the
 * variables their expressions see, the names they bind, lookups and mappings; for flows from YAML (pointing
 * at the offending value) and built in Java.
 */
class StepChecksTest {

    private static final CelCompiler CEL = new CelCompiler();
    private static final FlowFileParser PARSER = new FlowFileParser(Map.of());
    private static final SourceLocation JAVA = SourceLocation.JAVA;

    @TempDir
    Path directory;

    /** Parses one file (which must have no problems of its own) and validates it with lookups in the directory. */
    private List<String> validate(String yaml) {
        FlowFile file = PARSER.parse("shop.yaml", yaml);
        assertThat(file.problems()).isEmpty();
        List<ChannelDefinition> channels = new ArrayList<>(file.channels());
        channels.add(FlowDirectory.DEAD_LETTER_CHANNEL);
        return new FlowValidator(CEL, directory)
                .validate(new FlowSet(channels, file.flows()), file.references()).stream()
                        .map(Problem::toString)
                        .toList();
    }

    @Test
    void shouldReportUndeclaredJoinLateAndOtherwiseChannelsAndASecondJoin() {
        assertThat(validate("""
                        channels:
                          - name: shop
                            partitions: 4
                          - name: payments
                            partitions: 2
                          - late-events
                          - alerts
                        ---
                        flow: channels
                        from: shop
                        steps:
                          - window: { tumbling: 1m, aggregate: { n: count() }, late: late-evnts }
                          - join: { channel: paymnts, key: data.order, within: 1m, late: lates }
                          - join: { channel: payments, key: data.order, within: 1m }
                          - pattern:
                              key: data.order
                              sequence: [{ name: a, when: type == "a" }]
                              within: 1m
                              emit: { type: x }
                              late: missing
                          - route:
                              - when: data.x > 1
                                to: { channel: alerts }
                              - otherwise: [{ channel: alert }]
                        """))
                .containsExactly(
                        "shop.yaml:12:62: the late channel 'late-evnts' of a window is not declared; did you mean"
                                + " 'late-events'? The declared channels are: alerts, flows.dead-letter, flows.system, late-events,"
                                + " payments, shop",
                        "shop.yaml:13:22: flow 'channels' joins channel 'paymnts', which is not declared; did you mean"
                                + " 'payments'? The declared channels are: alerts, flows.dead-letter, flows.system, late-events,"
                                + " payments, shop",
                        "shop.yaml:13:66: the late channel 'lates' of a join is not declared; declare it in a channels:"
                                + " document. The declared channels are: alerts, flows.dead-letter, flows.system, late-events,"
                                + " payments, shop",
                        "shop.yaml:14:22: flow 'channels' has a second join step; a flow joins one other channel, so"
                                + " join the result in a second flow that reads this flow's output",
                        "shop.yaml:20:13: the late channel 'missing' of a pattern is not declared; declare it in a"
                                + " channels: document. The declared channels are: alerts, flows.dead-letter,"
                                + " flows.system, late-events, payments, shop",
                        "shop.yaml:24:32: channel 'alert' is not declared; did you mean 'alerts'? The declared channels"
                                + " are: alerts, flows.dead-letter, flows.system, late-events, payments, shop");
    }

    @Test
    void shouldCompileEveryExpressionWithTheVariablesItSees() throws IOException {
        Files.writeString(directory.resolve("regions.json"), "{\"DE\": \"EU\"}");

        assertThat(validate("""
                        channels: [shop, alerts, payments]
                        ---
                        flow: cel
                        from: shop
                        time: { field: dat.at }
                        steps:
                          - enrich: { file: regions.json, key: dta.country, into: data.region, default: missing }
                          - split: lines
                          - dedupe: { key: dat.id, within: 1m }
                          - window:
                              tumbling: 1m
                              by: { item: itme }
                              aggregate:
                                total: sum(data.price * doubel(data.qty))
                          - join:
                              channel: payments
                              key: data.order
                              other-key: dta.order
                              within: 1m
                              as: payment
                              emit:
                                type: paid
                                set: { data.paid: paymnt.data.amount, data.own: data.amount, data.x: other.data.x }
                          - pattern:
                              key: data.order
                              sequence:
                                - { name: checkout, when: type == "a" }
                                - { name: fail, when: data.count * 2 }
                              within: 1m
                              emit: { type: x, set: { data.order: checkout.data.order, data.why: fial.data.reason } }
                        to: { channel: alerts }
                        """))
                .map(problem -> problem.substring(0, problem.indexOf(';')))
                .containsExactly(
                        "shop.yaml:5:16: undeclared reference to 'dat'",
                        "shop.yaml:7:40: undeclared reference to 'dta'",
                        "shop.yaml:7:81: undeclared reference to 'missing'",
                        "shop.yaml:8:12: undeclared reference to 'lines'",
                        "shop.yaml:9:20: undeclared reference to 'dat'",
                        "shop.yaml:12:19: undeclared reference to 'itme'",
                        "shop.yaml:14:33: unknown function 'doubel'",
                        "shop.yaml:18:18: undeclared reference to 'dta'",
                        "shop.yaml:23:27: undeclared reference to 'paymnt'",
                        "shop.yaml:23:78: undeclared reference to 'other'",
                        "shop.yaml:28:31: a filter or route condition must be a bool expression, this one is of type"
                                + " int",
                        "shop.yaml:30:74: undeclared reference to 'fial'");
    }

    @Test
    void shouldTellTheVariablesThatEmitsSee() {
        assertThat(validate("""
                        channels: [shop, alerts, payments]
                        ---
                        flow: emits
                        from: shop
                        steps:
                          - join:
                              channel: payments
                              key: data.order
                              within: 1m
                              as: payment
                              emit: { type: paid, set: { data.paid: paymnt.data.amount } }
                          - pattern:
                              key: data.order
                              sequence: [{ name: checkout, when: type == "a" }, { name: fail, when: type == "b" }]
                              within: 1m
                              emit: { type: x, set: { data.why: fial.data.reason } }
                        to: { channel: alerts }
                        """))
                .containsExactly(
                        "shop.yaml:11:45: undeclared reference to 'paymnt'; did you mean 'payment'? The variables are"
                                + " id, source, type, specversion, subject, time, datacontenttype, dataschema, data,"
                                + " extensions, payment",
                        "shop.yaml:16:41: undeclared reference to 'fial'; did you mean 'fail'? The variables are id,"
                                + " source, type, specversion, subject, time, datacontenttype, dataschema, data,"
                                + " extensions, checkout, fail");
    }

    @Test
    void shouldLocateJsonataSyntaxErrorsAtTheirCharacter() {
        assertThat(validate("""
                        channels: [shop, alerts]
                        ---
                        flow: mappings
                        from: shop
                        steps:
                          - mapping: |
                              { "user": subject,
                                "amount": data.amount
                                "x": 1 }
                          - mapping: '{ "a": '
                          - mapping: '$sum(data.lines.price)'
                        to: { channel: alerts }
                        """))
                .containsExactly(
                        "shop.yaml:9:11: the mapping is not valid JSONata: Expected \"}\", got \"x\" (S0202); check"
                                + " brackets, quotes and commas (JSONata is documented at https://docs.jsonata.org)",
                        "shop.yaml:10:20: the mapping is not valid JSONata: Expected \"}\" before end of expression"
                                + " (S0203); check brackets, quotes and commas (JSONata is documented at"
                                + " https://docs.jsonata.org)");
    }

    @Test
    void shouldReportWindowResultFieldsThatClash() {
        assertThat(validate("""
                        channels: [shop, alerts]
                        ---
                        flow: names
                        from: shop
                        steps:
                          - window:
                              tumbling: 1m
                              by: { item: data.item, window_start: data.start, "bad name": data.x }
                              aggregate:
                                item: count()
                                window_end: max(data.x)
                                n: count()
                        to: { channel: alerts }
                        """))
                .containsExactly(
                        "shop.yaml:8:30: window result field 'window_start' is taken: every result has window_start and"
                                + " window_end; choose another name",
                        "shop.yaml:8:56: window result field 'bad name' is not a field name (letters, digits, '_' and"
                                + " '-', starting with a letter or '_'); use e.g. revenue",
                        "shop.yaml:10:9: window result field 'item' is used twice (by and aggregate names share the"
                                + " result); the first is at shop.yaml:8:13; give each its own name",
                        "shop.yaml:11:9: window result field 'window_end' is taken: every result has window_start and"
                                + " window_end; choose another name");
    }

    @Test
    void shouldReportJoinNamesThatExpressionsCannotUse() {
        assertThat(validate("""
                        channels: [shop, alerts, payments]
                        ---
                        flow: names
                        from: shop
                        steps:
                          - join: { channel: payments, key: data.order, within: 1m, as: data }
                          - join: { channel: payments, key: data.order, within: 1m, as: pay-ment }
                          - join: { channel: payments, key: data.order, within: 1m, as: in }
                        to: { channel: alerts }
                        """))
                .containsExactly(
                        "shop.yaml:6:65: join 'as' name 'data' would hide the event variable of that name; choose"
                                + " another, e.g. payment (the event variables are id, source, type, specversion,"
                                + " subject, time, datacontenttype, dataschema, data, extensions)",
                        "shop.yaml:7:22: flow 'names' has a second join step; a flow joins one other channel, so"
                                + " join the result in a second flow that reads this flow's output",
                        "shop.yaml:7:65: join 'as' name 'pay-ment' is not an identifier; use letters, digits and '_',"
                                + " starting with a letter or '_', e.g. payment, so that expressions can read"
                                + " payment.data",
                        "shop.yaml:8:22: flow 'names' has a second join step; a flow joins one other channel, so"
                                + " join the result in a second flow that reads this flow's output",
                        "shop.yaml:8:65: join 'as' name 'in' is a reserved word of CEL; choose another, e.g. payment");
    }

    @Test
    void shouldReportPatternStagesThatCannotRun() {
        assertThat(validate("""
                        channels: [shop, alerts]
                        ---
                        flow: names
                        from: shop
                        steps:
                          - pattern:
                              key: data.order
                              sequence:
                                - { name: gone, when: type == "a", absent: true }
                                - { name: middle, when: type == "b", absent: true }
                                - { name: type, when: type == "c" }
                                - { name: twice, when: type == "d" }
                                - { name: twice, when: type == "e" }
                                - { name: check-out, when: type == "f" }
                              within: 1m
                              emit: { type: x, set: { data.a: twice.data.a, data.b: middle.data.b } }
                          - pattern:
                              key: data.order
                              sequence: []
                              within: 1m
                              emit: { type: x }
                        to: { channel: alerts }
                        """))
                .containsExactly(
                        "shop.yaml:9:52: the first stage 'gone' cannot be absent: a match starts at an event that came;"
                                + " put a stage matching that event first, e.g. the checkout an order must follow",
                        "shop.yaml:10:54: stage 'middle' is absent, but only the last stage may be: an absent stage"
                                + " completes when the time bound passes without a match, so no stage can follow it;"
                                + " move it to the end, or drop absent",
                        "shop.yaml:11:19: stage name 'type' would hide the event variable of that name; choose another,"
                                + " e.g. checkout (the event variables are id, source, type, specversion, subject,"
                                + " time, datacontenttype, dataschema, data, extensions)",
                        "shop.yaml:13:19: stage name 'twice' is used twice; the first is at shop.yaml:12:19; give each"
                                + " stage its own name",
                        "shop.yaml:14:19: stage name 'check-out' is not an identifier; use letters, digits and '_',"
                                + " starting with a letter or '_', e.g. checkout, so that expressions can read"
                                + " checkout.data",
                        "shop.yaml:19:17: a pattern needs at least one stage in its sequence, e.g. - name: checkout"
                                + " with when: type == \"shop.checkout.start\"");
    }

    @Test
    void shouldReportTablesThatNoFlowWrites() {
        assertThat(validate("""
                        channels: [shop, alerts]
                        ---
                        flow: enrich
                        from: shop
                        steps:
                          - enrich: { table: customrs, key: subject, into: data.customer }
                          - enrich: { table: nobody, key: subject, into: data.customer }
                          - enrich: { table: customers, key: subject, into: data.customer }
                        to: { channel: alerts }
                        ---
                        flow: customers
                        from: shop
                        steps:
                          - route:
                              - when: type == "customer"
                                to: { table: { name: customers, key: subject } }
                        """))
                .containsExactly(
                        "shop.yaml:6:22: no flow writes table 'customrs', so every lookup would miss; did you mean"
                                + " 'customers'? The tables flows write are: customers",
                        "shop.yaml:7:22: no flow writes table 'nobody', so every lookup would miss; write it with a"
                                + " table destination, e.g. to: [{table: {name: nobody, key: data.id}}]. The tables"
                                + " flows write are: customers");
    }

    @Test
    void shouldReportLookupFilesThatAreMissingOrMalformedNamingTheirLine() throws IOException {
        Files.writeString(directory.resolve("bad.json"), "{\n  \"DE\": \"EU\",\n  \"DE\": \"EU2\"\n}\n");
        Files.writeString(directory.resolve("bad.csv"), "country,region\nDE,EU\nFR\n");
        Files.writeString(directory.resolve("good.csv"), "country,region\nDE,EU\n");

        assertThat(validate("""
                        channels: [shop, alerts]
                        ---
                        flow: enrich
                        from: shop
                        steps:
                          - enrich: { file: missing.json, key: subject, into: data.x }
                          - enrich: { file: bad.json, key: subject, into: data.x }
                          - enrich: { file: bad.csv, key: subject, into: data.x }
                          - enrich: { file: good.csv, key: subject, into: data.x }
                          - enrich: { file: notes.txt, key: subject, into: data.x }
                        to: { channel: alerts }
                        """))
                .containsExactly(
                        "shop.yaml:6:21: lookup file missing.json: does not exist; create it (paths are relative to the"
                                + " flow directory), or correct the path",
                        "shop.yaml:7:21: lookup file bad.json:3:3: has the key 'DE' twice, here and at line 2; keep one,"
                                + " since a lookup gives one value per key",
                        "shop.yaml:8:21: lookup file bad.csv:3:1: has 1 field on this line and 2 fields in its header;"
                                + " give every line one value per column, and quote values that contain commas, e.g."
                                + " \"Berlin, DE\"",
                        "shop.yaml:10:21: lookup file notes.txt: is not a lookup file: a lookup file is a JSON object"
                                + " (name ending .json) or a CSV file with a header line (.csv); convert it, or rename"
                                + " it if it is one of those");
    }

    @Test
    void shouldCheckFlowsBuiltInJavaAtTheirSteps() {
        Flow flow = Flow.named("java")
                .from("shop")
                .mapping("{ \"a\": ")
                .dedupe("data.id", Duration.ZERO)
                .step(new Step.Window(
                        new WindowShape.Tumbling(Duration.ofMinutes(1)),
                        List.of(new FieldAssignment("n", Expression.of("data.n"))),
                        List.of(),
                        Step.EmitMode.FINAL,
                        Duration.ofSeconds(-1),
                        null,
                        " ",
                        OnError.DEAD_LETTER,
                        JAVA))
                .pattern(
                        "data.order",
                        List.of(
                                new PatternStage("data", Expression.of("type == \"a\""), 1, false),
                                new PatternStage("later", Expression.of("type == \"b\""), 1, true),
                                new PatternStage("last", Expression.of("type == \"c\""), 1, false)),
                        Duration.ofMinutes(1),
                        "",
                        Map.of("data.x", "data.y"))
                .step(new Step.Join(
                        "shop",
                        Expression.of("data.order"),
                        Expression.of("data.order"),
                        Duration.ZERO,
                        Duration.ofMinutes(1),
                        "row",
                        new Emit("joined", List.of(new FieldAssignment("data.x", Expression.of("row.data.x")))),
                        null,
                        OnError.DEAD_LETTER,
                        JAVA))
                .toChannel("shop")
                .build();
        List<ChannelDefinition> channels = List.of(new ChannelDefinition("shop", 1, JAVA));

        assertThat(new FlowValidator(CEL).validate(new FlowSet(channels, List.of(flow))))
                .map(Problem::toString)
                .containsExactly(
                        "<java>: the mapping is not valid JSONata: Expected \"}\" before end of expression (S0203);"
                                + " check brackets, quotes and commas (JSONata is documented at"
                                + " https://docs.jsonata.org)",
                        "<java>: a dedupe's within must be longer than zero; e.g. 10m",
                        "<java>: a window's grace must not be negative; e.g. grace: 0s or grace: 1m",
                        "<java>: a window's type is empty; give its results a type, e.g. type: shop.item.minute",
                        "<java>: stage name 'data' would hide the event variable of that name; choose another, e.g."
                                + " checkout (the event variables are id, source, type, specversion, subject, time,"
                                + " datacontenttype, dataschema, data, extensions)",
                        "<java>: stage 'later' is absent, but only the last stage may be: an absent stage completes when"
                                + " the time bound passes without a match, so no stage can follow it; move it to the"
                                + " end, or drop absent",
                        "<java>: an emit's type is empty; give the emitted events a type, e.g."
                                + " shop.checkout.abandoned");
    }
}
