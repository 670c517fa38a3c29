package dev.flows.engine.runtime;

import dev.flows.api.flow.TableMode;
import dev.flows.engine.expression.EventVariables;
import dev.flows.engine.expression.ExpressionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one event does to the row of its key in a table destination: delete it, or write the row it becomes.
 * The {@code delete} condition and the {@code set} fields see the previous row as {@code row} ({@code {}} when
 * there is none); the mode says whether the old row's other fields stay. Stateless.
 */
final class RowUpdate {

    private RowUpdate() {}

    /** The outcome: a row to write, or a delete. */
    sealed interface Change {

        /** The row becomes {@code row}. */
        record Write(Object row) implements Change {}

        /** The row is deleted. */
        record Delete() implements Change {}
    }

    private static final Change DELETE = new Change.Delete();

    /**
     * The change {@code variables} (an event's) make to a row that was {@code previous} (null when new).
     *
     * @param data the event's data, the update when the destination has no {@code set}
     * @throws ExpressionException if an expression fails, or a merge without {@code set} meets data that is not
     *     a map
     */
    static Change of(Output.ToTable to, Map<String, Object> variables, Object data, Object previous) {
        Map<String, Object> before = asRow(previous);
        Map<String, Object> withRow = EventVariables.with(variables, CompiledFlow.ROW, before);
        if (to.delete() != null && to.delete().test(withRow)) {
            return DELETE;
        }
        Map<String, Object> row = to.mode() == TableMode.MERGE ? new LinkedHashMap<>(before) : new LinkedHashMap<>();
        if (to.set().isEmpty()) {
            if (to.mode() == TableMode.REPLACE) {
                return new Change.Write(data);
            }
            row.putAll(dataFields(to, data));
            return new Change.Write(row);
        }
        for (Assignment field : to.set()) {
            row.put(field.path(), field.value().evaluate(withRow));
        }
        return new Change.Write(row);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asRow(Object previous) {
        return previous instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dataFields(Output.ToTable to, Object data) {
        if (data instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        String found = data == null ? "no data" : "data that is " + kind(data);
        throw new ExpressionException(
                to.key().source().location() + ": table '" + to.table() + "' merges the event's data into the row,"
                        + " but the event has " + found + "; send a JSON object as data, give the fields with"
                        + " set:, or write mode: replace",
                null);
    }

    private static String kind(Object data) {
        return switch (data) {
            case List<?> ignored -> "a list";
            case String ignored -> "a string";
            case Number ignored -> "a number";
            case Boolean ignored -> "a bool";
            case byte[] ignored -> "bytes";
            default -> "a " + data.getClass().getSimpleName();
        };
    }
}
