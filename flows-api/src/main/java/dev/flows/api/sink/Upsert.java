package dev.flows.api.sink;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row to upsert on behalf of one event, its column values already computed by the engine. The row's key
 * is the value of its key columns, which the {@link UpsertSink} knows from its destination.
 *
 * @param eventSource the event's {@code source}: with its id, it identifies the event (CloudEvents)
 * @param eventId     the event's {@code id}; an event applied once is never applied again
 * @param row         column name to value, in the destination's column order: {@code String}, {@code Long},
 *                    {@code Double}, {@code Boolean}, {@code byte[]} or null (lists and maps come as their JSON
 *                    text); unmodifiable
 */
public record Upsert(String eventSource, String eventId, Map<String, Object> row) {

    public Upsert {
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(eventId, "eventId");
        // Map.copyOf would refuse null values and lose the order; a column may well be null.
        row = Collections.unmodifiableMap(new LinkedHashMap<>(row));
    }
}
