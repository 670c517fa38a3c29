package dev.flows.api.flow;

/**
 * What an upsert does to a column of a row that already exists. The database computes it, in the same
 * statement as the upsert, so it needs no read of the row and holds under concurrent writers.
 */
public enum ColumnMerge {
    /** The column takes the new value (the default). */
    REPLACE("replace"),
    /** The column keeps its value; the new one is written only when the row is new (a first-seen time). */
    KEEP("keep"),
    /** The new value is added to the column, a missing (null) one counting as 0 (a counter, a total). */
    ADD("add");

    private final String yamlName;

    ColumnMerge(String yamlName) {
        this.yamlName = yamlName;
    }

    /** How flow files write it, e.g. {@code add}. */
    public String yamlName() {
        return yamlName;
    }
}
