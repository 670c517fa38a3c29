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
     * Appends the event to a channel that browsers and apps subscribe to over Server-Sent Events or WebSocket,
     * addressed to one subscriber: the extension attribute {@value #USER_EXTENSION} is set to the value of
     * {@code user} (a string or a number), and a subscriber receives the events addressed to it and those with
     * no such attribute. Without {@code user} the event is a broadcast, for every subscriber of the channel (an
     * audience the event already carried is removed). Appended exactly once, like {@link ToChannel}; an event
     * whose {@code user} gives no string or number goes to the dead-letter channel rather than to everyone.
     *
     * @param user CEL giving the subscriber the event is for; null for every subscriber
     */
    record ToPush(String channel, Expression user, SourceLocation location) implements Destination {

        /** The CloudEvents extension attribute naming the one subscriber an event is for. */
        public static final String USER_EXTENSION = "pushuser";

        public ToPush {
            Objects.requireNonNull(channel, "channel");
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
