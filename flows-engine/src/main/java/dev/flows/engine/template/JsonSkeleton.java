package dev.flows.engine.template;

import dev.flows.engine.format.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks at load that a JSON template yields JSON whatever the event: each placeholder is replaced by a
 * stand-in of the same length ({@code null} padded with spaces for a whole value, letters inside a
 * string), so that the decoder's line and column are the template's own, and the result is decoded. Since
 * rendering inserts only whole JSON values and escaped string content where the stand-ins were, a skeleton
 * that decodes means every rendering decodes. Stateless.
 */
final class JsonSkeleton {

    private static final Pattern WHERE = Pattern.compile("at line (\\d+), column (\\d+)");

    private JsonSkeleton() {}

    /** The problem with the template's JSON, if any, at its line and column in the template. */
    static Optional<TemplateParser.Issue> check(String text, List<TemplateParser.PlaceholderSpan> spans) {
        String skeleton = skeleton(text, spans);
        try {
            JsonValues.decode(skeleton.getBytes(StandardCharsets.UTF_8));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            Matcher where = WHERE.matcher(message);
            String detail = message.replaceFirst("^malformed JSON (at line \\d+, column \\d+)?:? ?", "");
            String what = "the template is not JSON once its placeholders are filled in (" + detail
                    + "); a placeholder for a whole value stands without quotes (\"amount\": {{data.amount}}), one"
                    + " inside text stands inside the quotes (\"Order {{data.order}}\")";
            if (!where.find()) {
                return Optional.of(new TemplateParser.Issue(1, 1, what));
            }
            int line = Integer.parseInt(where.group(1));
            int byteColumn = Integer.parseInt(where.group(2));
            return Optional.of(new TemplateParser.Issue(line, charColumn(skeleton, line, byteColumn), what));
        }
    }

    private static String skeleton(String text, List<TemplateParser.PlaceholderSpan> spans) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < spans.size(); i++) {
            TemplateParser.PlaceholderSpan span = spans.get(i);
            // Text stand-ins differ from each other ("x0xxx", "x1xxx"), so that two templated keys of one
            // object are not taken for a duplicate key; a placeholder is at least 5 characters long.
            String standIn = span.slot() == Slot.JSON_VALUE
                    ? "null" + " ".repeat(span.length() - 4)
                    : ("x" + i + "x".repeat(span.length())).substring(0, span.length());
            out.replace(span.start(), span.start() + span.length(), standIn);
        }
        return out.toString();
    }

    /** The decoder counts columns in UTF-8 bytes; the template's columns are characters. */
    private static int charColumn(String skeleton, int line, int byteColumn) {
        String[] lines = skeleton.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return byteColumn;
        }
        String row = lines[line - 1];
        int bytes = 0;
        for (int i = 0; i < row.length(); i++) {
            if (bytes >= byteColumn - 1) {
                return i + 1;
            }
            bytes += String.valueOf(row.charAt(i)).getBytes(StandardCharsets.UTF_8).length;
        }
        return row.length() + 1;
    }
}
