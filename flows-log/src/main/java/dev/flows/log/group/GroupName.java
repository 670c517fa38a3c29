package dev.flows.log.group;

import java.util.regex.Pattern;

/**
 * The rule for consumer group and queue names, which become file and directory names: a lower-case letter,
 * then up to 127 lower-case letters, digits, '.', '_' or '-', the same rule as for channel names. Stateless.
 */
public final class GroupName {

    /** The pattern every group and queue name matches. */
    public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9._-]{0,127}");

    private GroupName() {}

    /**
     * Checks a name.
     *
     * @param kind what is named, for the message: {@code "consumer group"} or {@code "queue"}
     * @param name the name to check
     * @return {@code name}
     * @throws IllegalArgumentException if the name breaks the rule
     * @throws NullPointerException     if {@code name} is null
     */
    public static String check(String kind, String name) {
        if (name == null) {
            throw new NullPointerException(kind + " name is null; give the " + kind + " a name such as 'billing'");
        }
        if (!PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException(kind + " name '" + name + "' is not allowed: a name must match "
                    + PATTERN.pattern() + " (a lower-case letter, then up to 127 lower-case letters, digits, '.',"
                    + " '_' or '-'); rename the " + kind + ", for example to 'billing' or 'billing.v2'");
        }
        return name;
    }
}
