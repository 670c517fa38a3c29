package dev.flows.api.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event: a CloudEvents 1.0 envelope and its data. This is the only event model inside Flows; every
 * generator produces it and every flow step and destination consumes it.
 *
 * <p>{@code data} is a JSON value in plain Java form: {@code Map<String, Object>} (insertion-ordered),
 * {@code List<Object>}, {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code byte[]} for
 * binary data, or {@code null}. Instances are immutable when built through {@link #of} or the compact
 * constructor, which copies nothing but refuses nulls where CloudEvents requires a value.
 *
 * @param id           required; with {@code source}, identifies the event (and is its idempotency key)
 * @param source       required; a URI-reference naming where the event happened
 * @param type         required; for example {@code shop.order.placed}
 * @param specVersion  required; always {@code "1.0"} today
 * @param subject      optional; what the event is about within the source (Flows' default partition key)
 * @param time         optional; when it happened (event time)
 * @param dataContentType optional; media type of {@code data}, {@code application/json} when absent
 * @param dataSchema   optional; URI of the schema {@code data} adheres to
 * @param extensions   extension attributes (lower-case alphanumeric names), never null
 * @param data         the payload, may be null
 */
public record Event(
        String id,
        String source,
        String type,
        String specVersion,
        String subject,
        Instant time,
        String dataContentType,
        String dataSchema,
        Map<String, Object> extensions,
        Object data) {

    /** The only CloudEvents spec version Flows accepts. */
    public static final String SPEC_VERSION = "1.0";

    /** Name of the extension attribute that, when present, decides the partition instead of the subject. */
    public static final String PARTITION_KEY = "partitionkey";

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(specVersion, "specVersion");
        extensions = extensions == null ? Map.of() : extensions;
    }

    /** An event with the required attributes and data, no subject, time or extensions. */
    public static Event of(String id, String source, String type, Object data) {
        return new Event(id, source, type, SPEC_VERSION, null, null, null, null, Map.of(), data);
    }

    /**
     * The key that decides the partition and the order of this event: the {@code partitionkey} extension
     * when set, else the subject, else null (no key: spread over partitions).
     */
    public String partitionKey() {
        Object key = extensions.get(PARTITION_KEY);
        return key != null ? key.toString() : subject;
    }

    /** A copy with other data. */
    public Event withData(Object newData) {
        return new Event(
                id, source, type, specVersion, subject, time, dataContentType, dataSchema, extensions, newData);
    }

    /** A copy with other extension attributes. */
    public Event withExtensions(Map<String, Object> newExtensions) {
        return new Event(
                id, source, type, specVersion, subject, time, dataContentType, dataSchema, newExtensions, data);
    }
}
