package dev.flows.api.flow;

import java.util.Objects;

/**
 * One column a {@link Destination.ToDatabase} writes: its name in the table, the CEL expression that gives
 * its value from the event, and what happens to it when the row already exists.
 *
 * @param name  the column's name as the table has it, an identifier (letters, digits, {@code _})
 * @param value the expression; its result is written as a string, number, boolean, bytes or null, and a
 *              list or map as its JSON text
 * @param merge what an update does to the column; key columns are never updated
 */
public record DatabaseColumn(String name, Expression value, ColumnMerge merge) {

    public DatabaseColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(merge, "merge");
    }
}
