package dev.flows.testkit;

/**
 * One change a flow made to a row of a state table, as {@code GET /tables/{name}/changes} streams it.
 *
 * @param version the change's number in its table, from 1, one more for each change
 * @param key     the row key
 * @param op      what the change did
 * @param row     the row after the change as plain Java values ({@code Map}, {@code List}, {@code String},
 *                {@code Long}, {@code Double}, {@code Boolean}); null for a delete
 */
public record RowChange(long version, String key, Op op, Object row) {

    /** What a change did to its row. */
    public enum Op {
        /** The row was created or changed. */
        UPSERT,
        /** The row was deleted. */
        DELETE
    }
}
