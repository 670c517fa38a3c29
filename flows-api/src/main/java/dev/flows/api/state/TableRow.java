package dev.flows.api.state;

/**
 * One row of a state table.
 *
 * @param key   the row key
 * @param value the row, as JSON bytes
 */
public record TableRow(String key, byte[] value) {}
