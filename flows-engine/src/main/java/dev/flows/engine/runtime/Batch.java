package dev.flows.engine.runtime;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.engine.format.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a partition task has produced from one batch of input records and not yet written: channel appends
 * and table rows. Table reads see the batch's own writes first. {@link #commit} writes the appends, then
 * the rows together with the input offset in one state-store update, so a restart never re-applies a row
 * change (tables are exactly once) while channel appends of an interrupted batch may repeat (at least once).
 * Confined to one thread.
 */
final class Batch {

    private final StateStore state;
    private final EventFormat format;
    private final long timestampMs;
    private final Map<Channel, List<Append>> appends = new LinkedHashMap<>();
    private final Map<String, Object> rows = new HashMap<>();
    private final List<StateUpdate.Put> puts = new ArrayList<>();

    Batch(StateStore state, EventFormat format, long timestampMs) {
        this.state = state;
        this.format = format;
        this.timestampMs = timestampMs;
    }

    void append(Channel channel, Event event) {
        String key = event.partitionKey();
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        appends.computeIfAbsent(channel, c -> new ArrayList<>())
                .add(new Append(keyBytes, format.encode(event), timestampMs));
    }

    /** The current row, as this batch left it or as committed; null when there is none. */
    Object row(String table, String key) {
        String id = table + '\u0000' + key;
        if (rows.containsKey(id)) {
            return rows.get(id);
        }
        return state.get(table, key).map(JsonValues::decode).orElse(null);
    }

    void put(String table, String key, Object value) {
        rows.put(table + '\u0000' + key, value);
        puts.add(new StateUpdate.Put(table, key, JsonValues.encode(value)));
    }

    void commit(StateUpdate.OffsetCommit offset) {
        appends.forEach(Channel::append);
        state.apply(new StateUpdate(puts, List.of(offset)));
    }
}
