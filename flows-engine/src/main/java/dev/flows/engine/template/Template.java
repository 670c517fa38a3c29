package dev.flows.engine.template;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.event.Event;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.TemplateSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A notification template, compiled once: literal text with {@code {{path}}} and {@code {{path | default}}}
 * placeholders, where a path reads the CloudEvent ({@code id}, {@code type}, {@code subject}, {@code time},
 * {@code data.order}, {@code data.items.0.name}, {@code extensions.tenant}; see {@link ValuePath}) and a
 * default is a JSON value used when the path is missing or null. No code runs: no expressions, loops,
 * partials or lambdas, so a template can neither loop nor reach anything but the event.
 *
 * <p>Escaping follows the {@link TemplateKind}: in JSON a whole-value placeholder inserts JSON ({@code null}
 * when missing) and one inside a string inserts JSON-escaped text (nothing when missing); in HTML values are
 * HTML-escaped; in text they go in as they are (nothing when missing). Immutable and thread-safe;
 * {@link #render} never throws.
 */
public final class Template {

    private final List<Part> parts;
    private final TemplateKind kind;

    private Template(List<Part> parts, TemplateKind kind) {
        this.parts = parts;
        this.kind = kind;
    }

    /**
     * Compiles a template.
     *
     * @param what how messages name it, e.g. {@code webhook body}
     * @throws FlowDefinitionException with every problem, each at its file, line and column
     */
    public static Template compile(TemplateSource source, TemplateKind kind, String what) {
        List<Problem> problems = new ArrayList<>();
        Template template = compile(source, kind, what, problems);
        if (!problems.isEmpty()) {
            throw new FlowDefinitionException(problems);
        }
        return template;
    }

    /** Every problem of a template, each at its file, line and column; empty when it compiles. */
    public static List<Problem> check(TemplateSource source, TemplateKind kind, String what) {
        List<Problem> problems = new ArrayList<>();
        compile(source, kind, what, problems);
        return problems;
    }

    private static Template compile(TemplateSource source, TemplateKind kind, String what, List<Problem> problems) {
        TemplateParser.Parsed parsed = TemplateParser.parse(source.text(), kind);
        List<TemplateParser.Issue> issues = new ArrayList<>(parsed.issues());
        if (issues.isEmpty() && kind == TemplateKind.JSON) {
            JsonSkeleton.check(source.text(), parsed.spans()).ifPresent(issues::add);
        }
        for (TemplateParser.Issue issue : issues) {
            problems.add(
                    new Problem(at(source.location(), issue), what + ": " + issue.message() + where(source, issue)));
        }
        return new Template(parsed.parts(), kind);
    }

    /**
     * The file position of a position in the template: exact for a template on one line and for a YAML
     * block scalar ({@code |}), whose lines all start at the template's column.
     */
    private static SourceLocation at(SourceLocation start, TemplateParser.Issue issue) {
        if (start.line() == 0) {
            return start;
        }
        return new SourceLocation(start.file(), start.line() + issue.line() - 1, start.column() + issue.column() - 1);
    }

    /** Without a file position (a template built in Java), the message says where in the template. */
    private static String where(TemplateSource source, TemplateParser.Issue issue) {
        return source.location().line() == 0
                ? " (template line " + issue.line() + ", column " + issue.column() + ")"
                : "";
    }

    /** What the template produces. */
    public TemplateKind kind() {
        return kind;
    }

    /** The template filled in from {@code event}. Never throws. */
    public String render(Event event) {
        StringBuilder out = new StringBuilder(128);
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> out.append(literal.text());
                case Placeholder placeholder -> out.append(fill(placeholder, event));
            }
        }
        return out.toString();
    }

    /** {@link #render} as UTF-8 bytes, as a request body. Never throws. */
    public byte[] renderUtf8(Event event) {
        return render(event).getBytes(StandardCharsets.UTF_8);
    }

    private static String fill(Placeholder placeholder, Event event) {
        Object value;
        try {
            value = placeholder.path().lookup(event);
        } catch (RuntimeException e) {
            value = ValuePath.MISSING; // an odd value (a map that refuses lookups) is absent, never an error
        }
        if ((value == ValuePath.MISSING || value == null)
                && placeholder.fallback().isPresent()) {
            value = placeholder.fallback().get();
        }
        if (value == ValuePath.MISSING) {
            value = null;
        }
        return switch (placeholder.slot()) {
            case JSON_VALUE -> ValueText.json(value);
            case JSON_STRING -> ValueText.jsonString(ValueText.text(value));
            case TEXT -> ValueText.text(value);
            case HTML -> ValueText.html(ValueText.text(value));
        };
    }
}
