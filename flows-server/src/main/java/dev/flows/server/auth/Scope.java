package dev.flows.server.auth;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One permission of a token: a verb on the channels (and tables) whose names match a pattern. Written
 * {@code produce:shop}, {@code consume:shop.*} (a prefix ending in {@code *}), {@code consume:*}, or
 * {@code admin} alone for {@code admin:*}.
 *
 * @param verb    what is allowed
 * @param pattern an exact name, a prefix followed by {@code *}, or {@code *} for every name
 */
public record Scope(Verb verb, String pattern) {

    private static final Pattern NAME_PATTERN = Pattern.compile("\\*|[a-z][a-z0-9._-]{0,127}\\*?");

    /**
     * The scope as written.
     *
     * @throws IllegalArgumentException saying what is wrong and how to write it
     */
    public static Scope parse(String text) {
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        String verbText = colon < 0 ? trimmed : trimmed.substring(0, colon);
        String pattern = colon < 0 ? "*" : trimmed.substring(colon + 1);
        Optional<Verb> verb = Verb.parse(verbText);
        if (verb.isEmpty()) {
            throw new IllegalArgumentException(
                    "scope '" + text + "' starts with '" + verbText + "', which is not one of "
                            + Arrays.stream(Verb.values()).map(Verb::text).collect(Collectors.joining(", "))
                            + "; write e.g. produce:shop, consume:shop.* or admin");
        }
        if (!NAME_PATTERN.matcher(pattern).matches()) {
            throw new IllegalArgumentException("scope '" + text + "' names '" + pattern
                    + "', which is neither a channel name, a name prefix ending in '*' nor '*'; write e.g. "
                    + verb.get().text() + ":shop or " + verb.get().text() + ":shop.*");
        }
        return new Scope(verb.get(), pattern);
    }

    /** Whether this scope allows {@code wanted} on the channel or table {@code name}. */
    boolean allows(Verb wanted, String name) {
        return verb.includes(wanted) && matches(name);
    }

    /** Whether this scope allows {@code wanted} on some name (for routes that name none, such as listings). */
    boolean allowsAny(Verb wanted) {
        return verb.includes(wanted);
    }

    boolean matches(String name) {
        if (pattern.endsWith("*")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(name);
    }

    @Override
    public String toString() {
        return verb.text() + ":" + pattern;
    }
}
