package dev.flows.api.state;

/**
 * One committed change of a state table's row, as its changelog keeps it.
 *
 * @param version the change's number in its table: 1 for the first change, one more for each next
 * @param key     the row key
 * @param row     the row after the change, as JSON bytes; null when the change deleted the row
 */
public record TableChange(long version, String key, byte[] row) {

    /** Whether the change deleted the row. */
    public boolean deleted() {
        return row == null;
    }
}
