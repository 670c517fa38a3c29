package dev.flows.testkit;

import dev.flows.api.event.Event;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the events a test pipes into a {@link FlowTestDriver}, with what CloudEvents requires filled in:
 *
 * <pre>{@code
 * Event placed = TestEvent.of("o-1", "shop.order.placed")
 *         .subject("u1")
 *         .time("2026-01-01T00:00:05Z")
 *         .data(Map.of("order", "o1", "amount", 620.0))
 *         .build();
 * }</pre>
 *
 * The source is {@code /test} unless set; data is JSON in plain Java form (maps, lists, strings, {@code Long}
 * or {@code Integer}, {@code Double}, booleans). Not thread-safe; one builder per event.
 */
public final class TestEvent {

    private final String id;
    private final String type;
    private String source = "/test";
    private String subject;
    private Instant time;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private Object data;

    private TestEvent(String id, String type) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Starts an event with its id and type. */
    public static TestEvent of(String id, String type) {
        return new TestEvent(id, type);
    }

    /** Sets the source, {@code /test} by default. */
    public TestEvent source(String value) {
        this.source = Objects.requireNonNull(value, "source");
        return this;
    }

    /** Sets the subject: the partition key unless a {@code partitionkey} extension is set. */
    public TestEvent subject(String value) {
        this.subject = value;
        return this;
    }

    /** Sets the event time. */
    public TestEvent time(Instant value) {
        this.time = value;
        return this;
    }

    /**
     * Sets the event time from RFC 3339 text in UTC, such as {@code 2026-01-01T00:00:05Z}.
     *
     * @throws java.time.format.DateTimeParseException if it is not such a time
     */
    public TestEvent time(String rfc3339) {
        return time(Instant.parse(rfc3339));
    }

    /** Sets an extension attribute (a lower-case alphanumeric name). */
    public TestEvent extension(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** Sets the data. */
    public TestEvent data(Object value) {
        this.data = value;
        return this;
    }

    /** The event, with {@code application/json} data. */
    public Event build() {
        return new Event(
                id,
                source,
                type,
                Event.SPEC_VERSION,
                subject,
                time,
                data == null ? null : "application/json",
                null,
                Collections.unmodifiableMap(new LinkedHashMap<>(extensions)),
                data);
    }
}
