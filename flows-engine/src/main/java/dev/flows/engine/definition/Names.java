package dev.flows.engine.definition;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for the names of flows, channels and tables: lower-case letters, digits, '.', '-' and '_',
 * starting with a letter. They name directories and consumer offsets, so they stay portable. Stateless.
 */
final class Names {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]*");

    /** Channels whose names start with this are Flows' own (the dead-letter channel, system events). */
    static final String RESERVED_PREFIX = "flows.";

    private Names() {}

    /**
     * A problem with {@code name}, if it breaks the rule.
     *
     * @param what    what the name names, e.g. {@code flow name}
     * @param example a valid name to show, e.g. {@code big-orders}
     */
    static Optional<String> check(String what, String name, String example) {
        if (NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(what + " '" + name + "' is not valid; use lower-case letters, digits, '.', '-' and '_',"
                + " starting with a letter, e.g. " + example);
    }
}
