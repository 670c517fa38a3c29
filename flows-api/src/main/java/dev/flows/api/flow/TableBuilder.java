package dev.flows.api.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Destination.ToTable} in Java, for {@link FlowBuilder#toTable(String, String,
 * java.util.function.Consumer)}. Expressions are CEL, checked when the flow is validated or started. Not
 * thread-safe.
 *
 * <pre>{@code
 * .toTable("customers", "subject", table -> table
 *     .when("type.startsWith('shop.customer.')")
 *     .deleteWhen("type == 'shop.customer.deleted'")
 *     .set("name", "data.name")
 *     .set("updates", "(has(row.updates) ? row.updates : 0) + 1"))
 * }</pre>
 */
public final class TableBuilder {

    private final String table;
    private final String key;
    private final List<FieldAssignment> set = new ArrayList<>();
    private TableMode mode;
    private Expression when;
    private Expression delete;

    TableBuilder(String table, String keyExpression) {
        this.table = Objects.requireNonNull(table, "table");
        this.key = Objects.requireNonNull(keyExpression, "keyExpression");
    }

    /** Computes a row field; {@code expression} sees the event and {@code row}, the previous row. */
    public TableBuilder set(String field, String expression) {
        set.add(new FieldAssignment(field, Expression.of(expression)));
        return this;
    }

    /** Sets what happens to the old row's other fields; by default merge with {@code set}, replace without. */
    public TableBuilder mode(TableMode newMode) {
        this.mode = Objects.requireNonNull(newMode, "mode");
        return this;
    }

    /** Applies the destination only to events for which {@code condition} (over the event) holds. */
    public TableBuilder when(String condition) {
        this.when = Expression.of(condition);
        return this;
    }

    /** Deletes the row of an event's key when {@code condition} (over the event and {@code row}) holds. */
    public TableBuilder deleteWhen(String condition) {
        this.delete = Expression.of(condition);
        return this;
    }

    Destination.ToTable build() {
        TableMode chosen = mode == null ? TableMode.defaultFor(!set.isEmpty()) : mode;
        return new Destination.ToTable(table, Expression.of(key), set, chosen, when, delete, SourceLocation.JAVA);
    }
}
