package dev.flows.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.event.Event;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.TemplateSource;
import dev.flows.engine.format.JsonValues;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final Event ORDER = new Event(
            "o-17",
            "/shop/web",
            "shop.order.placed",
            Event.SPEC_VERSION,
            "u1",
            Instant.parse("2026-03-01T10:15:30Z"),
            "application/json",
            null,
            Map.of("tenant", "acme"),
            data());

    private static Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("order", "A-17");
        data.put("amount", 620.0);
        data.put("count", 3L);
        data.put("items", List.of(Map.of("name", "Lamp \"Arc\""), Map.of("name", "Desk")));
        data.put("note", null);
        data.put("html", "<b>Tom & Jerry's</b>");
        return data;
    }

    @Test
    void shouldRenderSlackBodyWithTextAndNumbersInsideString() {
        Template template = json("{\"text\": \"Order {{data.order}} over 500: {{data.amount}}\"}");

        assertThat(template.render(ORDER)).isEqualTo("{\"text\": \"Order A-17 over 500: 620\"}");
    }

    @Test
    void shouldInsertWholeValuesAsJson() {
        Template template = json("{\"amount\": {{data.amount}}, \"count\": {{data.count}}, \"items\": {{data.items}},"
                + " \"missing\": {{data.nope}}, \"note\": {{data.note}}, \"order\": {{data.order}}}");

        assertThat(template.render(ORDER))
                .isEqualTo("{\"amount\": 620.0, \"count\": 3, \"items\": [{\"name\":\"Lamp \\\"Arc\\\"\"},"
                        + "{\"name\":\"Desk\"}], \"missing\": null, \"note\": null, \"order\": \"A-17\"}");
    }

    @Test
    void shouldEscapeValuesInsideJsonStrings() {
        Template template = json("{\"first\": \"{{data.items.0.name}} \\\"quoted\\\" {{data.nope}}\"}");

        String rendered = template.render(ORDER);

        assertThat(rendered).isEqualTo("{\"first\": \"Lamp \\\"Arc\\\" \\\"quoted\\\" \"}");
        assertThat(JsonValues.decode(rendered.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Map.of("first", "Lamp \"Arc\" \"quoted\" "));
    }

    @Test
    void shouldReadAttributesExtensionsAndListIndexes() {
        Template template = text("{{id}} {{source}} {{type}} {{subject}} {{time}} {{specversion}}"
                + " {{extensions.tenant}} {{data.items.1.name}} {{data.items.7.name}}|");

        assertThat(template.render(ORDER))
                .isEqualTo("o-17 /shop/web shop.order.placed u1 2026-03-01T10:15:30Z 1.0 acme Desk |");
    }

    @Test
    void shouldUseDefaultWhenMissingOrNull() {
        Template text = text("Hello {{data.name | \"friend\"}}, {{data.note | \"no note\"}}, {{data.order | \"x\"}}");
        Template value =
                json("{\"n\": {{data.nope | 0}}, \"tags\": {{data.tags | []}}, \"s\": {{data.nope | \"}}\"}}}");

        assertThat(text.render(ORDER)).isEqualTo("Hello friend, no note, A-17");
        assertThat(value.render(ORDER)).isEqualTo("{\"n\": 0, \"tags\": [], \"s\": \"}}\"}");
    }

    @Test
    void shouldEscapeHtmlAndLeaveTextAsItIs() {
        assertThat(html("<p>{{data.html}}</p>").render(ORDER))
                .isEqualTo("<p>&lt;b&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;</p>");
        assertThat(text("{{data.html}}").render(ORDER)).isEqualTo("<b>Tom & Jerry's</b>");
    }

    @Test
    void shouldRenderObjectsAsJsonInText() {
        assertThat(text("{{data.items.1}}").render(ORDER)).isEqualTo("{\"name\":\"Desk\"}");
    }

    @Test
    void shouldRenderEventWithoutDataOrTime() {
        Event bare = Event.of("e", "/s", "t", null);

        assertThat(json("{\"a\": {{data.x}}, \"b\": \"{{time}}{{data}}\", \"c\": {{data}}}")
                        .render(bare))
                .isEqualTo("{\"a\": null, \"b\": \"\", \"c\": null}");
    }

    @Test
    void shouldReportUnclosedPlaceholderAtItsLineAndColumn() {
        TemplateSource source =
                new TemplateSource("{\n  \"text\": \"Order {{data.order\"\n}", new SourceLocation("hooks.yaml", 10, 7));

        assertThat(problems(source, TemplateKind.JSON))
                .containsExactly("hooks.yaml:11:24: webhook body: '{{' is not closed on its line; close the"
                        + " placeholder with '}}', e.g. {{data.order}}");
    }

    @Test
    void shouldReportBadPathsAndDefaults() {
        TemplateSource source = new TemplateSource(
                "{{order}} {{data..x}} {{id.x}} {{extensions}} {{}} {{data.a | friend}}",
                new SourceLocation("t.yaml", 3, 5));

        assertThat(problems(source, TemplateKind.TEXT))
                .containsExactly(
                        "t.yaml:3:7: webhook body: path 'order' starts with 'order', which is not an event attribute;"
                                + " start with id, source, type, specversion, subject, time, datacontenttype,"
                                + " dataschema, data, extensions (e.g. data.order or extensions.order)",
                        "t.yaml:3:22: webhook body: path 'data..x' has an empty name where a name is expected; write"
                                + " names of letters, digits, '_' and '-' joined by '.', e.g. data.items.0.name",
                        "t.yaml:3:31: webhook body: path 'id.x' goes below 'id', which is a single value; write just"
                                + " id, or data.x",
                        "t.yaml:3:38: webhook body: path 'extensions' must name one extension after 'extensions.',"
                                + " e.g. extensions.tenant",
                        "t.yaml:3:51: webhook body: '{{}}' names nothing; write a path such as {{data.order}} or"
                                + " {{subject}}",
                        "t.yaml:3:56: webhook body: the default of {{data.a}} is 'friend', which is not a JSON value;"
                                + " write a quoted string, a number, true, false or null, e.g. {{data.a | \"friend\"}}");
    }

    @Test
    void shouldReportJsonTemplateThatIsNotJsonWhereItBreaks() {
        TemplateSource source = new TemplateSource(
                "{\"text\": \"é {{data.order}}\",\n \"n\": {{data.amount}}x}", new SourceLocation("h.yaml", 4, 9));

        assertThat(problems(source, TemplateKind.JSON))
                .singleElement()
                .satisfies(problem -> assertThat(problem)
                        .startsWith("h.yaml:5:")
                        .contains("the template is not JSON once its placeholders are filled in"));
    }

    @Test
    void shouldAcceptTemplatedKeysAndQuotedPlaceholders() {
        assertThat(problems(
                        TemplateSource.of("{\"{{data.a}}\": 1, \"{{data.b}}\": 2, \"q\": \"{{data.c}}\"}"),
                        TemplateKind.JSON))
                .isEmpty();
    }

    @Test
    void shouldSayWhereInTemplateWhenBuiltInJava() {
        assertThatThrownBy(() -> Template.compile(TemplateSource.of("a\n{{nope}}"), TemplateKind.TEXT, "body"))
                .isInstanceOfSatisfying(
                        FlowDefinitionException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::toString)
                                .singleElement()
                                .satisfies(message -> assertThat(message).endsWith("(template line 2, column 3)")));
    }

    @Test
    void shouldPickKindFromContentType() {
        assertThat(TemplateKind.forContentType("application/json; charset=utf-8"))
                .isEqualTo(TemplateKind.JSON);
        assertThat(TemplateKind.forContentType("application/cloudevents+json")).isEqualTo(TemplateKind.JSON);
        assertThat(TemplateKind.forContentType("text/html")).isEqualTo(TemplateKind.HTML);
        assertThat(TemplateKind.forContentType("text/plain")).isEqualTo(TemplateKind.TEXT);
    }

    private static List<String> problems(TemplateSource source, TemplateKind kind) {
        return Template.check(source, kind, "webhook body").stream()
                .map(Problem::toString)
                .toList();
    }

    private static Template json(String text) {
        return Template.compile(TemplateSource.of(text), TemplateKind.JSON, "test");
    }

    private static Template text(String text) {
        return Template.compile(TemplateSource.of(text), TemplateKind.TEXT, "test");
    }

    private static Template html(String text) {
        return Template.compile(TemplateSource.of(text), TemplateKind.HTML, "test");
    }
}
