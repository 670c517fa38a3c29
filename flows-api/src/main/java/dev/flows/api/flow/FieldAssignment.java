package dev.flows.api.flow;

/**
 * One computed field: a dotted path and the CEL expression that gives its value.
 *
 * @param path  where to write: {@code data.a.b} (within data, creating maps on the way), {@code subject},
 *              or an extension attribute name (lower-case alphanumeric)
 * @param value the expression; it sees the event as it is after the assignments before this one
 */
public record FieldAssignment(String path, Expression value) {}
