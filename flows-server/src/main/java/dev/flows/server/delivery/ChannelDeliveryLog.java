package dev.flows.server.delivery;

import dev.flows.api.sink.DeliveryAttempt;
import dev.flows.api.sink.DeliveryLog;
import dev.flows.api.system.SystemEvent;
import dev.flows.api.system.SystemEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Records each delivery attempt as a CloudEvent of type {@code flows.delivery.attempted} on the built-in
 * {@code flows.deliveries} channel, subject the flow, so that attempts are durable, replayable, readable with
 * the channel API and by flows. Appending goes through the queue and thread of the publisher it is given (a
 * {@link dev.flows.server.system.ChannelSystemEvents} on that channel), so recording never waits for the disk
 * in the delivering thread; like system events, a record that cannot be stored is logged and dropped.
 * Thread-safe.
 */
public final class ChannelDeliveryLog implements DeliveryLog {

    /** The CloudEvents type of a delivery record. */
    public static final String TYPE = "flows.delivery.attempted";

    private final SystemEvents publisher;

    /** @param publisher appends to the {@code flows.deliveries} channel */
    public ChannelDeliveryLog(SystemEvents publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void record(DeliveryAttempt attempt) {
        publisher.publish(new SystemEvent(TYPE, attempt.flow(), data(attempt)));
    }

    /** The record's data: what {@code GET /deliveries} shows, field for field. */
    static Map<String, Object> data(DeliveryAttempt attempt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("flow", attempt.flow());
        data.put("destination", attempt.destination());
        data.put("event", attempt.eventId());
        data.put("attempt", (long) attempt.attempt());
        data.put("status", attempt.status().text());
        data.put(
                "responseCode",
                attempt.responseCode().isPresent()
                        ? (long) attempt.responseCode().getAsInt()
                        : null);
        data.put("error", attempt.error().orElse(null));
        data.put("time", attempt.time().toString());
        data.put("durationMs", attempt.duration().toMillis());
        return data;
    }
}
