package dev.flows.engine.definition;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for the fields steps write and remove. A {@code set} step may write {@code data.<field>[.<field>...]}
 * (creating maps on the way), {@code subject}, {@code type}, or an extension attribute (1 to 20 lower-case
 * letters and digits); the attributes that identify an event or describe its data as a whole are never
 * rewritten. A {@code remove} step and an enrich step's {@code into} reach data fields and extensions only,
 * and a window's result fields are single data field names. Stateless.
 */
final class FieldPaths {

    private static final Set<String> FIXED =
            Set.of("id", "source", "specversion", "time", "datacontenttype", "dataschema");
    /** Every CloudEvents context attribute and {@code data}: none of them is an extension. */
    private static final Set<String> ATTRIBUTES =
            Set.of("id", "source", "specversion", "time", "datacontenttype", "dataschema", "subject", "type", "data");

    private static final Pattern DATA_FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,20}");
    private static final String FIELD_NAME = "(letters, digits, '_' and '-', starting with a letter or '_')";
    private static final String RIGHT = "use data.<field>[.<field>...], subject, type or an extension name"
            + " (1 to 20 lower-case letters and digits)";
    private static final String DATA_OR_EXTENSION =
            "a data field (data.<field>[.<field>...]) or an extension name (1 to 20 lower-case letters and digits)";

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
            return dataPath(path, RIGHT);
        }
        if (EXTENSION.matcher(path).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + path + "' is not a field path; " + RIGHT);
    }

    /**
     * A problem with {@code path}, if it is neither a data field nor an extension attribute.
     *
     * @param action what is done to the path, for messages: {@code remove}, {@code write the lookup result into}
     * @param example a path to show, such as {@code data.card}
     */
    static Optional<String> checkDataOrExtension(String path, String action, String example) {
        if (path.startsWith("data.")) {
            return dataPath(path, "use " + DATA_OR_EXTENSION);
        }
        if (EXTENSION.matcher(path).matches() && !ATTRIBUTES.contains(path)) {
            return Optional.empty();
        }
        String why = ATTRIBUTES.contains(path) ? " (an attribute of the event itself)" : "";
        return Optional.of(
                "cannot " + action + " '" + path + "'" + why + "; use " + DATA_OR_EXTENSION + ", e.g. " + example);
    }

    /** A problem with {@code name}, if it cannot name a field of the data. */
    static Optional<String> checkDataField(String what, String name, String example) {
        if (DATA_FIELD.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(what + " '" + name + "' is not a field name " + FIELD_NAME + "; use e.g. " + example);
    }

    private static Optional<String> dataPath(String path, String right) {
        for (String segment : path.substring("data.".length()).split("\\.", -1)) {
            if (!DATA_FIELD.matcher(segment).matches()) {
                return Optional.of("'" + path + "' is not a field path: '" + segment + "' is not a field name "
                        + FIELD_NAME + "; " + right);
            }
        }
        return Optional.empty();
    }
}
