package dev.flows.api.flow;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Where a flow sends an event at its end (or at a route case). */
public sealed interface Destination {

    /** Where the destination was written. */
    SourceLocation location();

    /** Appends the event, as it is, to a channel. */
    record ToChannel(String channel, SourceLocation location) implements Destination {
        public ToChannel {
            Objects.requireNonNull(channel, "channel");
        }
    }

    /**
     * Changes a row of a state table, once per event: the row's key is {@code key} evaluated on the event.
     *
     * <ul>
     *   <li>{@code when}, if given, chooses the events the destination applies to; for the others it does nothing
     *       (not even evaluate the key). It sees the event only.
     *   <li>{@code delete}, if given and true for an event, deletes the row of its key (deleting a row that does
     *       not exist changes nothing).
     *   <li>Otherwise the row is upserted. Without {@code set} the update is the event's data; with it, a map of
     *       the given fields, each computed by CEL. {@code mode} says what happens to the old row's other fields:
     *       {@link TableMode#MERGE} keeps them, {@link TableMode#REPLACE} drops them.
     * </ul>
     *
     * {@code delete} and the {@code set} fields see the variable {@code row}, the row's previous value ({@code {}}
     * when new), so that rows can accumulate (a revenue sum, a count, a last-seen time).
     *
     * @param mode   merge or replace; {@link TableMode#defaultFor} gives the default
     * @param when   a bool CEL condition over the event, or null for every event
     * @param delete a bool CEL condition over the event and {@code row}, or null to never delete
     */
    record ToTable(
            String table,
            Expression key,
            List<FieldAssignment> set,
            TableMode mode,
            Expression when,
            Expression delete,
            SourceLocation location)
            implements Destination {
        public ToTable {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(key, "key");
            set = List.copyOf(set);
            Objects.requireNonNull(mode, "mode");
        }

        /** An upsert for every event, in the default mode (merge with {@code set}, replace without). */
        public ToTable(String table, Expression key, List<FieldAssignment> set, SourceLocation location) {
            this(table, key, set, TableMode.defaultFor(!set.isEmpty()), null, null, location);
        }
    }

    /**
     * POSTs the event as structured CloudEvents JSON to a URL, retrying failures (connection errors,
     * 408, 429 and 5xx) with backoff; after the last attempt, the event goes to {@code deadLetter}.
     *
     * @param headers    extra request headers
     * @param deadLetter the channel that receives events this destination gave up on
     */
    record ToWebhook(
            String url, Map<String, String> headers, RetryPolicy retry, String deadLetter, SourceLocation location)
            implements Destination {
        public ToWebhook {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(deadLetter, "deadLetter");
        }
    }
}
