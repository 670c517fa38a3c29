package dev.flows.engine.runtime;

import dev.flows.engine.expression.CompiledExpression;
import dev.flows.engine.expression.ExpressionException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads an event's time for the stateful steps: the {@code time} attribute, or a CEL expression giving a
 * timestamp (RFC 3339) or epoch milliseconds. An event without one fails the flow's first stateful step.
 */
final class EventTimeReader {

    private final CompiledExpression expression;
    private final boolean processing;

    /**
     * @param expression null to read the {@code time} attribute
     * @param processing true for processing time: an event's time is when it is read
     */
    EventTimeReader(CompiledExpression expression, boolean processing) {
        this.expression = expression;
        this.processing = processing;
    }

    /** Whether the clock, rather than the events, gives the time. */
    boolean processing() {
        return processing;
    }

    /**
     * @param nowMs the clock, for processing time
     * @throws ExpressionException if the event has no usable time
     */
    long read(FlowEvent event, long nowMs) {
        if (processing) {
            return nowMs;
        }
        if (expression == null) {
            Instant time = event.timeAttribute();
            if (time == null) {
                throw new ExpressionException(
                        "event " + event.event().id() + " has no time attribute, and this flow keeps state in event"
                                + " time; send events with a time, or set the flow's time.field",
                        null);
            }
            return time.toEpochMilli();
        }
        Object value = expression.evaluate(event.variables());
        if (value instanceof Long millis) {
            return millis;
        }
        if (value instanceof String text) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new ExpressionException(
                expression.source().location() + ": the event time `"
                        + expression.source().text() + "` gave "
                        + (value == null ? "null" : "'" + value + "'")
                        + "; it must give a timestamp or epoch milliseconds as an int",
                null);
    }
}
