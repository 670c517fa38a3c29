package dev.flows.api.flow;

import java.util.Locale;

/**
 * How a table destination writes a row that already exists: what happens to the fields of the old row that the
 * update does not mention.
 */
public enum TableMode {
    /**
     * The old row's fields are kept and the update's written over them: with {@code set}, the computed fields;
     * without, the fields of the event's data (which must then be a map). The default when {@code set} is given,
     * for counters, totals and last-seen values.
     */
    MERGE,
    /**
     * The row becomes exactly the update: the {@code set} fields, or without {@code set} the event's data. The
     * default without {@code set}: a plain upsert.
     */
    REPLACE;

    /** The YAML spelling: {@code merge} or {@code replace}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a table destination has when it names none: merge with {@code set}, replace without. */
    public static TableMode defaultFor(boolean hasSet) {
        return hasSet ? MERGE : REPLACE;
    }
}
