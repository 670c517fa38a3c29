package dev.flows.analytics.sql;

import java.util.List;

/**
 * A query's answer.
 *
 * @param columns   in order
 * @param rows      each a list of values in column order: null, Boolean, a Number, String (text, and timestamps
 *                  as ISO-8601), a {@code JsonNode} (JSON columns, lists, structs and maps)
 * @param truncated whether the query had more rows than {@code rows} holds (the request's limit)
 * @param elapsedMs from the request to the last row read, including writing the history's Parquet files
 */
public record SqlResult(List<SqlColumn> columns, List<List<Object>> rows, boolean truncated, long elapsedMs) {

    public SqlResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
