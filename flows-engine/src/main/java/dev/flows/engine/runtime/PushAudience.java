package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.engine.expression.CompiledExpression;
import dev.flows.engine.expression.ExpressionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a pushed event is for, written on the event as the extension attribute {@value
 * Destination.ToPush#USER_EXTENSION}: the subscriber's id, or nothing for every subscriber. Subscribers are
 * filtered on it by the server's push routes. Stateless.
 */
final class PushAudience {

    private static final String USER = Destination.ToPush.USER_EXTENSION;

    private PushAudience() {}

    /**
     * The subscriber id the expression gives: a string, or a number or bool written as text. Anything else,
     * null included, is refused rather than read as "everyone": a notification meant for one person must never
     * reach all of them because a field was missing.
     *
     * @throws ExpressionException saying what the expression gave and how to fix it
     */
    static String user(CompiledExpression expression, Map<String, Object> variables, String channel) {
        Object value = expression.evaluate(variables);
        if (value instanceof String text && !text.isEmpty()) {
            return text;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String gave = value == null ? "null" : value instanceof String ? "an empty string" : "a " + kind(value);
        throw new ExpressionException(
                expression.source().location() + ": the user of push channel '" + channel + "', `"
                        + expression.source().text() + "`, gave " + gave
                        + "; it must give the subscriber's id as a string (a notification for nobody in particular"
                        + " is not sent to everyone). Guard it with has(...), or push without 'user' to broadcast",
                null);
    }

    /** The event addressed to {@code user}; unchanged when it already is. */
    static FlowEvent addressed(FlowEvent event, String user) {
        Event decoded = event.event();
        if (user.equals(decoded.extensions().get(USER))) {
            return event;
        }
        Map<String, Object> extensions = new LinkedHashMap<>(decoded.extensions());
        extensions.put(USER, user);
        return event.changed(decoded.withExtensions(extensions));
    }

    /** The event for every subscriber: without an audience it may have carried from elsewhere. */
    static FlowEvent broadcast(FlowEvent event) {
        Event decoded = event.event();
        if (!decoded.extensions().containsKey(USER)) {
            return event;
        }
        Map<String, Object> extensions = new LinkedHashMap<>(decoded.extensions());
        extensions.remove(USER);
        return event.changed(decoded.withExtensions(extensions));
    }

    private static String kind(Object value) {
        return value instanceof Map
                ? "map"
                : value instanceof List ? "list" : value.getClass().getSimpleName();
    }
}
