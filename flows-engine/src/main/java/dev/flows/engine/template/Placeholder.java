package dev.flows.engine.template;

import java.util.Optional;

/**
 * One {@code {{path | default}}} of a template, compiled. Immutable.
 *
 * @param path     what it reads from the event
 * @param fallback what it writes when the path is missing or null: a JSON value (a string, number, boolean,
 *                 null, object or list) as plain Java; empty for the slot's own default
 * @param slot     how the value is written where the placeholder sits
 */
record Placeholder(ValuePath path, Optional<Object> fallback, Slot slot) implements Part {}
