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
     * Upserts a row of a state table. The row's key is {@code key} evaluated on the event. Without
     * {@code set}, the row becomes the event's data; with it, the row becomes a map of the given fields,
     * each computed by CEL with the variable {@code row} bound to the row's previous value ({@code {}} when
     * new), so that rows can accumulate (a revenue sum, a count).
     */
    record ToTable(String table, Expression key, List<FieldAssignment> set, SourceLocation location)
            implements Destination {
        public ToTable {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(key, "key");
            set = List.copyOf(set);
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
