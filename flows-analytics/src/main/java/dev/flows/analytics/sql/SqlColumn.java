package dev.flows.analytics.sql;

/**
 * A column of a query's answer.
 *
 * @param name as the query named it
 * @param type DuckDB's type, such as {@code VARCHAR}, {@code TIMESTAMP WITH TIME ZONE} or {@code JSON}
 */
public record SqlColumn(String name, String type) {}
