package dev.flows.connectors.jdbc;

import java.sql.Types;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of the destination's table as the database describes them, by name, with their {@link Types}
 * code: what binding needs to convert values (a time into a MariaDB {@code DATETIME}). Immutable.
 */
record TableShape(Map<String, Integer> types, boolean caseInsensitive) {

    TableShape {
        types = Map.copyOf(types);
    }

    /** The column's type, or {@link Types#OTHER} if the table has no such column. */
    int type(String column) {
        Integer type = types.get(caseInsensitive ? column.toLowerCase(Locale.ROOT) : column);
        return type == null ? Types.OTHER : type;
    }
}
