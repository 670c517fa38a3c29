package dev.flows.engine.runtime;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.state.TableRow;
import dev.flows.engine.format.JsonValues;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The records a task has committed to append but may not have appended yet, kept in a state-store table of its own
 * so that they are written in the same update as the state and offsets that produced them. After that update the
 * task appends them idempotently (its producer id and the records' sequence numbers) and deletes the entries;
 * {@link #redeliver} re-appends whatever a crash left between the two, and the log drops the records it already
 * has. Flow tasks and workflow tasks both keep their outputs this way. Thread-safe as far as its store is.
 *
 * <p>One row per record, keyed by its sequence number (19 digits, so rows sort in sequence order), holding:
 *
 * <pre>
 * +-------------+---------+------------------+-----+--------------+-----------+-------+
 * | channel len | channel | key len (-1 null) | key | timestamp ms | value len | value |
 * | int32       | UTF-8   | int32            |     | int64        | int32     |       |
 * +-------------+---------+------------------+-----+--------------+-----------+-------+
 * </pre>
 *
 * Binary, so that an event's JSON is not escaped into another JSON document at every commit. Rows that flow tasks
 * wrote before, as JSON objects {@code {"channel", "key", "value", "timestamp"}}, are still read.
 */
public final class Outbox {

    private static final int PAGE = 1_000;

    private final String table;
    private final StateStore state;

    /**
     * @param table the state table holding this task's entries, its own
     */
    public Outbox(String table, StateStore state) {
        this.table = table;
        this.state = state;
    }

    /** The update that puts {@code record}, to be appended to {@code channel}, into the outbox. */
    public StateUpdate.Put put(String channel, SequencedAppend record) {
        return new StateUpdate.Put(table, key(record.sequence()), entry(channel, record.record()));
    }

    /** The updates that delete the entries {@code puts} (which {@link #put} made) once their records are appended. */
    public List<StateUpdate.Put> deletions(List<StateUpdate.Put> puts) {
        List<StateUpdate.Put> deletions = new ArrayList<>(puts.size());
        for (StateUpdate.Put put : puts) {
            deletions.add(new StateUpdate.Put(table, put.key(), null));
        }
        return deletions;
    }

    /**
     * Appends every record the outbox holds, each to its channel in sequence order under {@code producerId}, then
     * deletes them all in one update.
     *
     * @param channels the channel of each name the entries give
     * @return how many records were re-appended (the log dropped those it already had)
     */
    public int redeliver(String producerId, Function<String, Channel> channels) {
        Map<String, List<SequencedAppend>> byChannel = new LinkedHashMap<>();
        List<StateUpdate.Put> clear = new ArrayList<>();
        String after = "";
        List<TableRow> rows;
        do {
            rows = state.scan(table, after, PAGE);
            for (TableRow row : rows) {
                Entry entry = read(row.value());
                byChannel
                        .computeIfAbsent(entry.channel(), name -> new ArrayList<>())
                        .add(new SequencedAppend(entry.append(), Long.parseLong(row.key())));
                clear.add(new StateUpdate.Put(table, row.key(), null));
                after = row.key();
            }
        } while (rows.size() == PAGE);
        if (!clear.isEmpty()) {
            byChannel.forEach((name, records) -> channels.apply(name).append(producerId, records));
            state.apply(new StateUpdate(clear, List.of()));
        }
        return clear.size();
    }

    /** The row key of the record with {@code sequence}. */
    static String key(long sequence) {
        return String.format("%019d", sequence);
    }

    static byte[] entry(String channel, Append append) {
        byte[] name = channel.getBytes(StandardCharsets.UTF_8);
        byte[] key = append.key();
        byte[] value = append.value();
        int keyLength = key == null ? 0 : key.length;
        ByteBuffer entry = ByteBuffer.allocate(4 + name.length + 4 + keyLength + 8 + 4 + value.length)
                .putInt(name.length)
                .put(name)
                .putInt(key == null ? -1 : key.length);
        if (key != null) {
            entry.put(key);
        }
        return entry.putLong(append.timestampMs())
                .putInt(value.length)
                .put(value)
                .array();
    }

    static Entry read(byte[] row) {
        if (row.length > 0 && row[0] == '{') {
            return legacy(row);
        }
        ByteBuffer entry = ByteBuffer.wrap(row);
        String channel = new String(bytes(entry, entry.getInt()), StandardCharsets.UTF_8);
        int keyLength = entry.getInt();
        byte[] key = keyLength < 0 ? null : bytes(entry, keyLength);
        long timestamp = entry.getLong();
        return new Entry(channel, new Append(key, bytes(entry, entry.getInt()), timestamp));
    }

    /** A row as flow tasks wrote it before the binary form: a JSON object with the value as a string. */
    private static Entry legacy(byte[] row) {
        Map<?, ?> entry = (Map<?, ?>) JsonValues.decode(row);
        String key = (String) entry.get("key");
        return new Entry(
                (String) entry.get("channel"),
                new Append(
                        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        ((String) entry.get("value")).getBytes(StandardCharsets.UTF_8),
                        ((Number) entry.get("timestamp")).longValue()));
    }

    private static byte[] bytes(ByteBuffer entry, int length) {
        byte[] bytes = new byte[length];
        entry.get(bytes);
        return bytes;
    }

    /** One outbox row: the channel its record goes to and the record. */
    record Entry(String channel, Append append) {}
}
