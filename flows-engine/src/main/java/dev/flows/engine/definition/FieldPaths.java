package dev.flows.engine.definition;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule for what a {@code set} step may write: {@code data.<field>[.<field>...]} (creating maps on the
 * way), {@code subject}, {@code type}, or an extension attribute (1 to 20 lower-case letters and digits).
 * The attributes that identify an event or describe its data as a whole are never rewritten. Stateless.
 */
final class FieldPaths {

    private static final Set<String> FIXED =
            Set.of("id", "source", "specversion", "time", "datacontenttype", "dataschema");
    private static final Pattern DATA_FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,20}");
    private static final String RIGHT = "use data.<field>[.<field>...], subject, type or an extension name"
            + " (1 to 20 lower-case letters and digits)";

    private FieldPaths() {}

    /** A problem with {@code path}, if a set step may not write it. */
    static Optional<String> check(String path) {
        if (FIXED.contains(path)) {
            return Optional.of("cannot set '" + path + "': id, source, specversion, time, datacontenttype and"
                    + " dataschema stay as the event's producer made them; set data.<field>, subject, type or an"
                    + " extension instead");
        }
        if (path.equals("data")) {
            return Optional.of("cannot replace 'data' as a whole; set its fields one by one, e.g. data.total");
        }
        if (path.startsWith("data.")) {
            for (String segment : path.substring("data.".length()).split("\\.", -1)) {
                if (!DATA_FIELD.matcher(segment).matches()) {
                    return Optional.of("'" + path + "' is not a field path: '" + segment + "' is not a field name"
                            + " (letters, digits, '_' and '-', starting with a letter or '_'); " + RIGHT);
                }
            }
            return Optional.empty();
        }
        if (EXTENSION.matcher(path).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + path + "' is not a field path; " + RIGHT);
    }
}
