package dev.flows.bench.reference;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One input line as the reference computations see it, parsed with Jackson's tree model: nothing of the
 * engine's event format is used, so that a bug there cannot hide in both sides of a comparison.
 *
 * @param id      the {@code id} attribute
 * @param type    the {@code type} attribute
 * @param subject the {@code subject} attribute (the user, WORKLOADS.md says)
 * @param timeMs  the {@code time} attribute, epoch milliseconds
 * @param data    the {@code data} object
 */
record InputEvent(String id, String type, String subject, long timeMs, ObjectNode data) {

    static InputEvent of(JsonNode line) {
        return new InputEvent(
                line.get("id").stringValue(),
                line.get("type").stringValue(),
                line.get("subject").stringValue(),
                Instant.parse(line.get("time").stringValue()).toEpochMilli(),
                (ObjectNode) line.get("data"));
    }

    /** A field of the data, as a string. */
    String text(String field) {
        return data.get(field).stringValue();
    }
}
