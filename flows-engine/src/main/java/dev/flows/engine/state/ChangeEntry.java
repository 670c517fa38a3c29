package dev.flows.engine.state;

import dev.flows.api.state.TableChange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The value of one entry of a table's changelog map ({@code changes.<table>}, keyed by version):
 *
 * <pre>
 *  0        1                5                 5 + n
 *  +--------+----------------+-----------------+----------------------------------+
 *  | kind   | key length n   | key, UTF-8      | row, JSON (upserts only, to end) |
 *  | 1 byte | int, big-endian| n bytes         |                                  |
 *  +--------+----------------+-----------------+----------------------------------+
 *  kind: 1 = upsert, 2 = delete
 * </pre>
 *
 * The row is stored as the table stores it, so a reader embeds it without re-encoding. Stateless.
 */
final class ChangeEntry {

    private static final byte UPSERT = 1;
    private static final byte DELETE = 2;
    private static final int KIND_OFFSET = 0;
    private static final int KEY_LENGTH_OFFSET = 1;
    private static final int KEY_OFFSET = 5;

    private ChangeEntry() {}

    /** The entry of a change of row {@code key} to {@code row} (null for a delete). */
    static byte[] encode(String key, byte[] row) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int rowLength = row == null ? 0 : row.length;
        ByteBuffer buffer = ByteBuffer.allocate(KEY_OFFSET + keyBytes.length + rowLength);
        buffer.put(KIND_OFFSET, row == null ? DELETE : UPSERT);
        buffer.putInt(KEY_LENGTH_OFFSET, keyBytes.length);
        buffer.put(KEY_OFFSET, keyBytes);
        if (row != null) {
            buffer.put(KEY_OFFSET + keyBytes.length, row);
        }
        return buffer.array();
    }

    /**
     * The change an entry records.
     *
     * @throws IllegalStateException if the entry is not one {@link #encode} wrote
     */
    static TableChange decode(String table, long version, byte[] entry) {
        ByteBuffer buffer = ByteBuffer.wrap(entry);
        int keyLength = entry.length < KEY_OFFSET ? -1 : buffer.getInt(KEY_LENGTH_OFFSET);
        byte kind = entry.length == 0 ? 0 : entry[KIND_OFFSET];
        if (keyLength < 0 || KEY_OFFSET + keyLength > entry.length || (kind != UPSERT && kind != DELETE)) {
            throw new IllegalStateException("change " + version + " of table '" + table + "' in the state store is"
                    + " damaged (" + entry.length + " bytes, kind " + kind + "); restore the state file from a backup,"
                    + " or delete it and let the flows rebuild their tables from what their channels still hold");
        }
        String key = new String(entry, KEY_OFFSET, keyLength, StandardCharsets.UTF_8);
        if (kind == DELETE) {
            return new TableChange(version, key, null);
        }
        byte[] row = new byte[entry.length - KEY_OFFSET - keyLength];
        buffer.get(KEY_OFFSET + keyLength, row);
        return new TableChange(version, key, row);
    }
}
