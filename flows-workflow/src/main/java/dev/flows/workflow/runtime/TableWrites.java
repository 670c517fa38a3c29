package dev.flows.workflow.runtime;

import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.TableMode;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.engine.expression.EventVariables;
import dev.flows.engine.format.JsonValues;
import dev.flows.workflow.decision.Command;
import dev.flows.workflow.decision.CompiledWorkflow;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table rows of one task batch: each table step's row computed over the row as the batch left it (so two
 * steps on one row in a batch both count), written as logged changes in the batch's state-store update. A
 * table step whose key gives nothing, or whose expression fails, changes no row and is counted. Not thread-safe.
 */
final class TableWrites {

    private final StateStore state;
    private final CompiledWorkflow compiled;
    private final Map<String, Map<String, Object>> rows = new HashMap<>();
    private final List<StateUpdate.Put> puts = new java.util.ArrayList<>();
    private long failures;

    TableWrites(StateStore state, CompiledWorkflow compiled) {
        this.state = state;
        this.compiled = compiled;
    }

    void apply(Command.UpdateTable command) {
        var table = command.action().table();
        try {
            Object key = compiled.expression(table.key()).evaluate(command.variables());
            if (key == null) {
                failures++;
                return;
            }
            String rowKey = key.toString();
            String slot = table.table() + "\u0000" + rowKey;
            Map<String, Object> previous = rows.computeIfAbsent(slot, s -> read(table.table(), rowKey));
            Map<String, Object> row;
            if (table.set().isEmpty()) {
                row = command.event().data() instanceof Map<?, ?> data ? copy(data) : new LinkedHashMap<>();
            } else {
                row = table.mode() == TableMode.REPLACE ? new LinkedHashMap<>() : new LinkedHashMap<>(previous);
                Map<String, Object> variables =
                        EventVariables.with(command.variables(), CompiledWorkflow.ROW, previous);
                for (FieldAssignment field : table.set()) {
                    row.put(field.path(), compiled.expression(field.value()).evaluate(variables));
                }
            }
            rows.put(slot, row);
            puts.add(StateUpdate.Put.change(table.table(), rowKey, JsonValues.encode(row)));
        } catch (RuntimeException e) {
            failures++;
        }
    }

    List<StateUpdate.Put> puts() {
        return puts;
    }

    long failures() {
        return failures;
    }

    private Map<String, Object> read(String table, String key) {
        return state.get(table, key)
                .map(bytes -> JsonValues.decode(bytes) instanceof Map<?, ?> map
                        ? copy(map)
                        : new LinkedHashMap<String, Object>())
                .orElseGet(LinkedHashMap::new);
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k.toString(), v));
        return copy;
    }
}
