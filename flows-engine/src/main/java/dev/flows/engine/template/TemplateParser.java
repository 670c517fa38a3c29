package dev.flows.engine.template;

import dev.flows.engine.format.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a template's text into literal text and placeholders, once, at load: {@code {{path}}} or
 * {@code {{path | default}}}, each on one line, the default a JSON value. In a JSON template it tracks
 * whether each placeholder sits inside a string, which decides its {@link Slot}. Problems carry their line
 * and column in the template (1-based). Not thread-safe; one instance parses one text.
 */
final class TemplateParser {

    static final String OPEN = "{{";
    static final String CLOSE = "}}";

    /** A problem at a line and column of the template text, both 1-based. */
    record Issue(int line, int column, String message) {}

    /** What parsing gave: the parts (complete only when there are no issues) and the issues. */
    record Parsed(List<Part> parts, List<Issue> issues, List<PlaceholderSpan> spans) {}

    /** Where a placeholder is in the text: its start offset, its length and its slot. */
    record PlaceholderSpan(int start, int length, Slot slot) {}

    private final String text;
    private final TemplateKind kind;
    private final List<Part> parts = new ArrayList<>();
    private final List<Issue> issues = new ArrayList<>();
    private final List<PlaceholderSpan> spans = new ArrayList<>();
    private final StringBuilder literal = new StringBuilder();
    private boolean inJsonString;

    private TemplateParser(String text, TemplateKind kind) {
        this.text = text;
        this.kind = kind;
    }

    static Parsed parse(String text, TemplateKind kind) {
        TemplateParser parser = new TemplateParser(text, kind);
        parser.run();
        return new Parsed(List.copyOf(parser.parts), List.copyOf(parser.issues), List.copyOf(parser.spans));
    }

    private void run() {
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith(OPEN, i)) {
                i = placeholder(i);
                continue;
            }
            char c = text.charAt(i);
            literal.append(c);
            if (kind == TemplateKind.JSON) {
                i = trackJsonString(i, c);
            }
            i++;
        }
        flushLiteral();
    }

    /** Follows JSON strings in the literal text, so a placeholder knows whether it sits in one. */
    private int trackJsonString(int i, char c) {
        if (inJsonString && c == '\\' && i + 1 < text.length() && !text.startsWith(OPEN, i + 1)) {
            literal.append(text.charAt(i + 1)); // an escaped character never ends the string
            return i + 1;
        }
        if (c == '"') {
            inJsonString = !inJsonString;
        }
        return i;
    }

    /** Reads the placeholder opening at {@code start}; returns where the text goes on. */
    private int placeholder(int start) {
        int close = closing(start + OPEN.length());
        if (close < 0) {
            issue(start, "'{{' is not closed on its line; close the placeholder with '}}', e.g. {{data.order}}");
            literal.append(text, start, lineEnd(start));
            return lineEnd(start);
        }
        String inside = text.substring(start + OPEN.length(), close);
        int end = close + CLOSE.length();
        compile(start, inside).ifPresent(placeholder -> {
            flushLiteral();
            parts.add(placeholder);
            spans.add(new PlaceholderSpan(start, end - start, placeholder.slot()));
        });
        return end;
    }

    /** The offset of the {@code }}} that closes a placeholder whose content starts at {@code from}, or -1. */
    private int closing(int from) {
        boolean quoted = false;
        boolean afterBar = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return -1;
            }
            if (quoted) {
                i += c == '\\' ? 1 : 0;
                quoted = c != '"';
            } else if (c == '"' && afterBar) {
                quoted = true; // a default's string may hold '}}'
            } else if (c == '|') {
                afterBar = true;
            } else if (text.startsWith(CLOSE, i)) {
                return i;
            }
        }
        return -1;
    }

    private Optional<Placeholder> compile(int start, String inside) {
        int bar = inside.indexOf('|');
        String pathText = (bar < 0 ? inside : inside.substring(0, bar)).strip();
        int pathOffset = start + OPEN.length() + leadingSpace(inside);
        if (pathText.isEmpty()) {
            issue(start, "'{{}}' names nothing; write a path such as {{data.order}} or {{subject}}");
            return Optional.empty();
        }
        ValuePath.Parsed path = ValuePath.parse(pathText);
        if (path.path().isEmpty()) {
            issue(pathOffset + path.offset(), path.problem());
        }
        Optional<Defaulted> fallback =
                bar < 0 ? Optional.empty() : fallback(start, inside.substring(bar + 1), pathText);
        if (path.path().isEmpty() || (bar >= 0 && fallback.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Placeholder(path.path().get(), fallback.map(Defaulted::value), slot()));
    }

    /** The default after '|': any JSON value, wrapped so that a JSON null is present too. */
    private Optional<Defaulted> fallback(int start, String written, String path) {
        String value = written.strip();
        try {
            return Optional.of(new Defaulted(JsonValues.decode(value.getBytes(StandardCharsets.UTF_8))));
        } catch (IllegalArgumentException e) {
            String shown = value.isEmpty() ? "nothing" : "'" + value + "'";
            issue(
                    start,
                    "the default of {{" + path + "}} is " + shown + ", which is not a JSON value; write a quoted"
                            + " string, a number, true, false or null, e.g. {{" + path + " | \"friend\"}}");
            return Optional.empty();
        }
    }

    /** A default value, which may be null (JSON null), boxed so that Optional can carry it. */
    private record Defaulted(Object value) {}

    private Slot slot() {
        return switch (kind) {
            case JSON -> inJsonString ? Slot.JSON_STRING : Slot.JSON_VALUE;
            case TEXT -> Slot.TEXT;
            case HTML -> Slot.HTML;
        };
    }

    private void flushLiteral() {
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private int lineEnd(int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                return i;
            }
        }
        return text.length();
    }

    private static int leadingSpace(String inside) {
        return inside.length() - inside.stripLeading().length();
    }

    private void issue(int offset, String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        issues.add(new Issue(line, column, message));
    }
}
