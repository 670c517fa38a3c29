package dev.flows.log.queue;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Header;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The headers a queue adds to a record it dead-letters, saying where it came from and why it gave up, and
 * the rules for adding and removing them. Every value is UTF-8 text. Stateless.
 */
public final class DeadLetterHeaders {

    /** Every dead-letter header name starts with this. */
    public static final String PREFIX = "flows-dlq-";

    /** The channel the record was read from. */
    public static final String CHANNEL = PREFIX + "channel";

    /** The queue that gave up on the record. */
    public static final String QUEUE = PREFIX + "queue";

    /** The record's partition in {@link #CHANNEL}, decimal. */
    public static final String PARTITION = PREFIX + "partition";

    /** The record's offset in its partition, decimal. */
    public static final String OFFSET = PREFIX + "offset";

    /** The error of the last delivery's nack, or {@link #EXPIRED}. */
    public static final String ERROR = PREFIX + "error";

    /** How many times the record was delivered, decimal. */
    public static final String DELIVERIES = PREFIX + "deliveries";

    /** When the record was first delivered, an ISO-8601 instant. */
    public static final String FIRST_DELIVERY = PREFIX + "first-delivery";

    /** When the record was last delivered, an ISO-8601 instant. */
    public static final String LAST_DELIVERY = PREFIX + "last-delivery";

    /** The {@link #ERROR} of a record whose last lease ran out without an ack or a nack. */
    public static final String EXPIRED = "visibility timeout expired";

    private DeadLetterHeaders() {}

    /**
     * The record to append to the dead-letter channel: same key, value and headers (less any older
     * dead-letter headers), plus the dead-letter headers.
     */
    static Append deadLetter(ChannelRecord record, Origin origin, String error, InFlight state, long timestampMs) {
        List<Header> headers = withoutDeadLetterHeaders(record.headers());
        headers.add(header(CHANNEL, origin.channel()));
        headers.add(header(QUEUE, origin.queue()));
        headers.add(header(PARTITION, Integer.toString(record.partition())));
        headers.add(header(OFFSET, Long.toString(record.offset())));
        headers.add(header(ERROR, error));
        headers.add(header(DELIVERIES, Integer.toString(state.deliveries)));
        headers.add(header(
                FIRST_DELIVERY, Instant.ofEpochMilli(state.firstDeliveryMs).toString()));
        headers.add(
                header(LAST_DELIVERY, Instant.ofEpochMilli(state.lastDeliveryMs).toString()));
        return new Append(record.key(), record.value(), timestampMs, headers);
    }

    /** Whether a dead-letter record was put there by the queue {@code origin} names. */
    static boolean from(ChannelRecord deadLetter, Origin origin) {
        return value(deadLetter.headers(), CHANNEL)
                        .filter(origin.channel()::equals)
                        .isPresent()
                && value(deadLetter.headers(), QUEUE)
                        .filter(origin.queue()::equals)
                        .isPresent();
    }

    /** The record to append back to its channel: same key and value, the headers it had before. */
    static Append redriven(ChannelRecord deadLetter, long timestampMs) {
        return new Append(
                deadLetter.key(), deadLetter.value(), timestampMs, withoutDeadLetterHeaders(deadLetter.headers()));
    }

    /**
     * The value of the last header named {@code name}, as text.
     *
     * @return empty if there is none or its value is null
     */
    public static Optional<String> value(List<Header> headers, String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            Header header = headers.get(i);
            if (header.key().equals(name)) {
                return Optional.ofNullable(header.value()).map(v -> new String(v, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static List<Header> withoutDeadLetterHeaders(List<Header> headers) {
        List<Header> kept = new ArrayList<>();
        for (Header header : headers) {
            if (!header.key().startsWith(PREFIX)) {
                kept.add(header);
            }
        }
        return kept;
    }

    private static Header header(String name, String value) {
        return new Header(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The channel and queue a dead-lettered record comes from. */
    record Origin(String channel, String queue) {}
}
