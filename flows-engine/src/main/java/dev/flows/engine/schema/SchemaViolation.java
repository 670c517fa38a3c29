package dev.flows.engine.schema;

import java.util.Objects;

/**
 * One way an event breaks its channel's schema.
 *
 * @param pointer a JSON Pointer (RFC 6901) into the request body to the offending value, such as
 *     {@code /data/amount} for one event or {@code /3/data/amount} for the fourth event of a batch
 * @param message what is wrong with the value, such as "must have a minimum value of 0"
 * @param keyword the schema keyword that failed ({@code minimum}, {@code required}, {@code type}), or null when
 *     the event could not be checked at all (no data, data that is not JSON, a schema too costly to evaluate)
 */
public record SchemaViolation(String pointer, String message, String keyword) {

    public SchemaViolation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }
}
