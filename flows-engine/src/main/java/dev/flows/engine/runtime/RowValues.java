package dev.flows.engine.runtime;

import dev.flows.engine.expression.ExpressionException;
import dev.flows.engine.format.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the row a database destination writes for one event: each column's expression evaluated on the
 * event, a list or map turned into its JSON text so that connectors need no JSON library and a {@code json}
 * column takes it as it is. Stateless.
 */
final class RowValues {

    private RowValues() {}

    /**
     * @throws ExpressionException naming the column and where its expression was written, if one fails
     */
    static Map<String, Object> of(List<Assignment> columns, Map<String, Object> variables) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Assignment column : columns) {
            Object value;
            try {
                value = column.value().evaluate(variables);
            } catch (ExpressionException e) {
                throw new ExpressionException("column '" + column.path() + "': " + e.getMessage(), e);
            }
            row.put(column.path(), value instanceof Map<?, ?> || value instanceof List<?> ? json(value) : value);
        }
        return row;
    }

    private static String json(Object value) {
        return new String(JsonValues.encode(value), StandardCharsets.UTF_8);
    }
}
