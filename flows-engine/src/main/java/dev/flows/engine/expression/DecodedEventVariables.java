package dev.flows.engine.expression;

import dev.cel.common.values.NullValue;
import dev.flows.api.event.Event;

/**
 * The variables of a decoded event, as {@link EventVariables#of} binds them. A lookup is a switch on the
 * name and a field read: nothing is hashed or copied when the variables are bound, which a flow does for every
 * event a step changes. Immutable; the payload is wrapped for CEL when read, so it must not change meanwhile.
 */
final class DecodedEventVariables extends SlotVariables {

    private final Event event;

    DecodedEventVariables(Event event) {
        this.event = event;
    }

    @Override
    Object variable(int slot) {
        return switch (slot) {
            case RawEventVariables.ID -> event.id();
            case RawEventVariables.SOURCE -> event.source();
            case RawEventVariables.TYPE -> event.type();
            case RawEventVariables.SPEC_VERSION -> event.specVersion();
            case RawEventVariables.SUBJECT -> orEmpty(event.subject());
            case RawEventVariables.TIME -> event.time() == null ? NullValue.NULL_VALUE : event.time();
            case RawEventVariables.DATA_CONTENT_TYPE -> orEmpty(event.dataContentType());
            case RawEventVariables.DATA_SCHEMA -> orEmpty(event.dataSchema());
            case RawEventVariables.DATA -> CelInput.of(event.data());
            default -> CelInput.of(event.extensions());
        };
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
