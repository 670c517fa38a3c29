package dev.flows.api.flow;

import java.util.regex.Pattern;

/**
 * The rule for the table and column names of a {@link Destination.ToDatabase}: an identifier of letters,
 * digits and {@code _}, starting with a letter or {@code _}, at most 63 characters (PostgreSQL's limit), and
 * for a table optionally a schema before a dot. Connectors quote them as written, so no name can carry SQL.
 * Stateless.
 */
public final class SqlIdentifier {

    /** The longest identifier PostgreSQL keeps whole. */
    public static final int MAX_LENGTH = 63;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private SqlIdentifier() {}

    /** Whether {@code name} is a valid column (or schema, or table) name. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Whether {@code table} is a valid name or {@code schema.name}. */
    public static boolean isTable(String table) {
        if (table == null) {
            return false;
        }
        int dot = table.indexOf('.');
        return dot < 0 ? isName(table) : isName(table.substring(0, dot)) && isName(table.substring(dot + 1));
    }
}
