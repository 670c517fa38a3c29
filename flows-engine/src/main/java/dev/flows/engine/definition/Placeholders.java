package dev.flows.engine.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in a flow file's value from the environment, so that
 * secrets and per-machine URLs stay out of flow files. {@code $${} writes a literal {@code ${}. Stateless.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /**
     * The result of one expansion.
     *
     * @param value   the expanded text (with missing variables left as written)
     * @param missing variables used without a default and not set, in order of first use
     */
    record Expansion(String value, List<String> missing) {}

    private Placeholders() {}

    static Expansion expand(String text, Map<String, String> environment) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder value = new StringBuilder();
        List<String> missing = new ArrayList<>();
        while (matcher.find()) {
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = matcher.group().substring(1);
            } else if (environment.get(matcher.group(2)) != null) {
                replacement = environment.get(matcher.group(2));
            } else if (matcher.group(3) != null) {
                replacement = matcher.group(3);
            } else {
                replacement = matcher.group();
                if (!missing.contains(matcher.group(2))) {
                    missing.add(matcher.group(2));
                }
            }
            matcher.appendReplacement(value, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(value);
        return new Expansion(value.toString(), List.copyOf(missing));
    }
}
