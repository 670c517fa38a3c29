package dev.flows.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.flows.api.event.Event;
import dev.flows.api.flow.TemplateSource;
import dev.flows.engine.format.JsonValues;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the event, a JSON template renders JSON: random events (odd strings with quotes, backslashes,
 * control characters and astral characters; numbers, booleans, nulls, nested maps and lists; missing fields)
 * rendered into templates that use every kind of slot. jqwik prints the seed of a failing run.
 */
class TemplateJsonPropertyTest {

    private static final List<String> TEMPLATES = List.of(
            "{\"text\": \"Order {{data.order}} over 500: {{data.amount}}\"}",
            "{\"a\": {{data.a}}, \"b\": {{data.b.c}}, \"list\": [{{data.list.0}}, {{data.list.1.x}}],"
                    + " \"s\": \"{{data.a}}|{{data.b}}|{{subject}}|{{extensions.x}}\", \"d\": {{data}}}",
            "[{{id}}, {{type}}, {{subject}}, {{time}}, {{data.a | \"none\"}}, \"{{data.a | 0}}\"]",
            "{\"{{data.a}}\": {{data.b}}, \"k{{subject}}\": \"\\\"{{data}}\\\\\"}",
            "{{data}}");

    @Property(tries = 500)
    void shouldRenderJsonForAnyEvent(@ForAll("events") Event event, @ForAll("templates") String text) {
        Template template = Template.compile(TemplateSource.of(text), TemplateKind.JSON, "property");

        String rendered = template.render(event);

        assertThatCode(() -> JsonValues.decode(rendered.getBytes(StandardCharsets.UTF_8)))
                .as("rendered %s", rendered)
                .doesNotThrowAnyException();
    }

    @Property(tries = 200)
    void shouldNeverThrowForTextOrHtml(@ForAll("events") Event event) {
        for (TemplateKind kind : List.of(TemplateKind.TEXT, TemplateKind.HTML)) {
            Template template = Template.compile(
                    TemplateSource.of("{{data.a}} {{data.b.c}} {{data.list.3}} {{subject | \"-\"}}"), kind, "property");
            assertThat(template.render(event)).isNotNull();
        }
    }

    @Provide
    Arbitrary<String> templates() {
        return Arbitraries.of(TEMPLATES);
    }

    @Provide
    Arbitrary<Event> events() {
        Arbitrary<String> subject = strings().injectNull(0.3);
        Arbitrary<Map<String, Object>> extensions =
                strings().map(value -> Map.<String, Object>of("x", value)).injectNull(0.0);
        return Combinators.combine(strings().filter(s -> !s.isEmpty()), subject, extensions, values(3))
                .as((id, subj, ext, data) ->
                        new Event(id, "/p", "t", Event.SPEC_VERSION, subj, Instant.EPOCH, null, null, ext, data));
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of("\"", "\\", "\u0000", "\n\t", "}}", "{{data.a}}", "\uD83D\uDE00", "</script>", "é"));
    }

    private static Arbitrary<Object> values(int depth) {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                strings().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e300)
                        .map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<Object> lists = values(depth - 1).list().ofMaxSize(3).map(Object.class::cast);
        Arbitrary<Object> maps = Arbitraries.maps(
                        Arbitraries.of("a", "b", "c", "list", "x", "order", "amount"), values(depth - 1))
                .ofMaxSize(4)
                .map(Object.class::cast);
        return Arbitraries.oneOf(scalars, lists, maps);
    }
}
