package dev.flows.engine.definition;

import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.ColumnMerge;
import dev.flows.api.flow.DatabaseColumn;
import dev.flows.api.flow.DatabaseKind;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SqlIdentifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a {@code postgres:} or {@code mariadb:} destination: {@code url}, {@code user} and {@code password}
 * (each may use {@code ${NAME}} from the environment; a password must), {@code table}, {@code key} (a
 * column or a list of them), {@code columns} (column name to CEL), {@code merge} (column to {@code
 * replace}, {@code keep} or {@code add}), {@code batch}, {@code retry} and {@code dead-letter}. Names are
 * checked as SQL identifiers here; that the table and its columns exist is checked when the flow starts.
 * Messages quote values as written, so secrets from the environment never reach a log. Not thread-safe.
 */
final class DatabaseReader {

    /** The bookkeeping table Flows keeps in the database; a destination cannot write it. */
    static final String BOOKKEEPING_TABLE = "flows_applied";

    private static final String IDENTIFIER_RULE =
            "use letters, digits and '_', starting with a letter or '_', at most " + SqlIdentifier.MAX_LENGTH;

    private final YamlFile file;

    DatabaseReader(YamlFile file) {
        this.file = file;
    }

    Optional<Destination> read(Node item, Node value, DatabaseKind kind) {
        String name = kind.yamlName();
        Optional<MappingNode> map = file.map(
                value,
                "'" + name + "' must be a map with url, table, key and columns",
                name + ": { url: " + example(kind) + ", table: customers, key: id, columns: { id: data.id } }");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.DATABASE);
        Optional<String> url = fields.required(
                        "url", "a " + name + " destination needs a 'url', e.g. url: " + example(kind))
                .flatMap(node -> url(node, kind));
        String user =
                fields.value("user").flatMap(node -> expanded(node, "user")).orElse(null);
        String password = fields.value("password").flatMap(this::password).orElse(null);
        Optional<String> table = fields.required(
                        "table", "a " + name + " destination needs a 'table', e.g. table: customers")
                .flatMap(this::table);
        List<DatabaseColumn> columns = fields.required(
                        "columns",
                        "a " + name + " destination needs 'columns', a map from column to CEL, e.g."
                                + " columns: { customer_id: data.customer, name: data.name }")
                .map(node ->
                        columns(node, fields.value("merge").map(this::merges).orElse(Map.of())))
                .orElse(List.of());
        List<String> key = fields.required(
                        "key",
                        "a " + name + " destination needs a 'key', the column (or list of columns) of the"
                                + " table's primary or unique key, e.g. key: customer_id")
                .map(node -> key(node, columns))
                .orElse(List.of());
        int batch = fields.value("batch")
                .flatMap(node ->
                        new Scalars(file).wholeNumber(node, "batch", 1, Destination.ToDatabase.MAX_BATCH, "batch: 100"))
                .map(Long::intValue)
                .orElse(Destination.ToDatabase.DEFAULT_BATCH);
        RetryPolicy retry = fields.value("retry")
                .map(node -> new RetryReader(file).read(node, Destination.ToDatabase.DEFAULT_RETRY))
                .orElse(Destination.ToDatabase.DEFAULT_RETRY);
        Optional<Node> deadLetterNode = fields.value("dead-letter");
        Optional<String> deadLetter = deadLetterNode.flatMap(node -> new Scalars(file).deadLetter(node, "orders.dlq"));
        if (url.isEmpty()
                || table.isEmpty()
                || columns.isEmpty()
                || key.isEmpty()
                || fields.hadUnknownKeys()
                || (deadLetterNode.isPresent() && deadLetter.isEmpty())) {
            return Optional.empty();
        }
        Destination destination = new Destination.ToDatabase(
                kind,
                url.get(),
                user,
                password,
                table.get(),
                key,
                columns,
                batch,
                retry,
                deadLetter.orElse(ChannelDefinition.DEAD_LETTER),
                file.at(item));
        deadLetterNode.ifPresent(node -> file.reference(destination, ReferenceLocations.Part.CHANNEL, node));
        return Optional.of(destination);
    }

    private static String example(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRES -> "jdbc:postgresql://127.0.0.1:5432/app";
            case MARIADB -> "jdbc:mariadb://127.0.0.1:3306/app";
        };
    }

    private Optional<String> url(Node node, DatabaseKind kind) {
        return file.text(node, "a " + kind.yamlName() + " 'url' must be a JDBC URL", example(kind))
                .flatMap(written -> file.expand(node, written, kind.yamlName() + " url '" + written + "'")
                        .filter(url -> {
                            if (url.startsWith(kind.urlPrefix())) {
                                return true;
                            }
                            String expanded = written.contains("${") ? " (after expanding environment variables)" : "";
                            file.problem(
                                    node,
                                    kind.yamlName() + " url '" + written + "'" + expanded + " does not start with "
                                            + kind.urlPrefix() + "; use e.g. " + example(kind));
                            return false;
                        }));
    }

    private Optional<String> expanded(Node node, String what) {
        return file.text(node, "'" + what + "' must be text", what + ": ${DB_USER:-flows}")
                .flatMap(written -> file.expand(node, written, what + " '" + written + "'"));
    }

    /** A password must come from the environment, so that it stays out of flow files (and their history). */
    private Optional<String> password(Node node) {
        Optional<String> written = file.text(node, "'password' must be written as ${NAME}", "password: ${DB_PASSWORD}");
        if (written.isPresent() && !written.get().contains("${")) {
            file.problem(
                    node,
                    "a database password is read from the environment, never written in a flow file; write e.g."
                            + " password: ${DB_PASSWORD} and set DB_PASSWORD where Flows runs");
            return Optional.empty();
        }
        // The value is never quoted in a message: only the variable names are.
        return written.flatMap(text -> file.expand(node, text, "password")).filter(password -> !password.isEmpty());
    }

    private Optional<String> table(Node node) {
        Optional<String> table = file.text(node, "'table' must be a table name", "table: customers");
        if (table.isEmpty()) {
            return table;
        }
        if (!SqlIdentifier.isTable(table.get())) {
            file.problem(
                    node,
                    "table name '" + table.get() + "' is not valid; " + IDENTIFIER_RULE
                            + " characters, optionally after a schema and a dot, e.g. customers or sales.customers");
            return Optional.empty();
        }
        String bare = table.get().substring(table.get().indexOf('.') + 1);
        if (bare.equalsIgnoreCase(BOOKKEEPING_TABLE)) {
            file.problem(
                    node,
                    "table '" + table.get() + "' is where Flows records the events it applied; write another table");
            return Optional.empty();
        }
        return table;
    }

    private List<DatabaseColumn> columns(Node node, Map<String, ColumnMerge> merges) {
        Optional<MappingNode> map = file.map(
                node,
                "'columns' must be a map from column name to CEL expression",
                "columns: { customer_id: data.customer, name: data.name }");
        List<DatabaseColumn> columns = new ArrayList<>();
        for (NodeTuple tuple : map.map(MappingNode::getValue).orElse(List.of())) {
            Optional<String> column = identifier(tuple.getKeyNode(), "column name");
            Optional<Expression> expression = file.expression(
                    tuple.getValueNode(),
                    "column '" + column.orElse("?") + "' needs a CEL expression for its value",
                    "data.name");
            if (column.isPresent() && expression.isPresent()) {
                if (columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(column.get()))) {
                    file.problem(tuple.getKeyNode(), "column '" + column.get() + "' is written twice; keep one");
                } else {
                    columns.add(new DatabaseColumn(
                            column.get(), expression.get(), merges.getOrDefault(column.get(), ColumnMerge.REPLACE)));
                }
            }
        }
        merges.keySet().stream()
                .filter(merged -> columns.stream().noneMatch(c -> c.name().equals(merged)))
                .forEach(merged -> file.problem(
                        node, "'merge' names column '" + merged + "', which is not under columns; add it there"));
        return columns;
    }

    private Map<String, ColumnMerge> merges(Node node) {
        String example = "merge: { orders: add, first_seen: keep }";
        Optional<MappingNode> map =
                file.map(node, "'merge' must be a map from column name to replace, keep or add", example);
        Map<String, ColumnMerge> merges = new LinkedHashMap<>();
        for (NodeTuple tuple : map.map(MappingNode::getValue).orElse(List.of())) {
            Optional<String> column = identifier(tuple.getKeyNode(), "column name");
            Optional<ColumnMerge> merge = file.text(
                            tuple.getValueNode(), "a column's merge must be replace, keep or add", example)
                    .flatMap(text -> merge(tuple.getValueNode(), text));
            if (column.isPresent() && merge.isPresent()) {
                merges.put(column.get(), merge.get());
            }
        }
        return merges;
    }

    private Optional<ColumnMerge> merge(Node node, String text) {
        Optional<ColumnMerge> merge = Arrays.stream(ColumnMerge.values())
                .filter(candidate -> candidate.yamlName().equals(text.strip()))
                .findFirst();
        if (merge.isEmpty()) {
            file.problem(
                    node,
                    "merge '" + text + "' is unknown; use replace (the new value), keep (the value the row has) or add"
                            + " (the row's value plus the new one)");
        }
        return merge;
    }

    private List<String> key(Node node, List<DatabaseColumn> columns) {
        List<Node> items = node instanceof SequenceNode list ? list.getValue() : List.of(node);
        if (items.isEmpty()) {
            file.problem(node, "'key' names no column; write e.g. key: customer_id or key: [tenant, customer_id]");
        }
        List<String> key = new ArrayList<>();
        boolean complete = true;
        for (Node item : items) {
            Optional<String> column = identifier(item, "key column");
            if (column.isEmpty()) {
                complete = false;
            } else if (key.contains(column.get())) {
                file.problem(item, "key column '" + column.get() + "' is named twice; name it once");
                complete = false;
            } else {
                key.add(column.get());
                complete &= keyColumnWritten(item, column.get(), columns);
            }
        }
        return complete ? key : List.of();
    }

    private boolean keyColumnWritten(Node item, String column, List<DatabaseColumn> columns) {
        Optional<DatabaseColumn> written =
                columns.stream().filter(c -> c.name().equals(column)).findFirst();
        if (written.isEmpty()) {
            file.problem(
                    item,
                    "key column '" + column + "' is not under columns; give it a value there, e.g. " + column
                            + ": data." + column);
            return false;
        }
        if (written.get().merge() != ColumnMerge.REPLACE) {
            file.problem(
                    item,
                    "key column '" + column + "' has merge "
                            + written.get().merge().yamlName()
                            + ", but a row's key never changes; leave it out of merge");
            return false;
        }
        return true;
    }

    private Optional<String> identifier(Node node, String what) {
        Optional<String> name = file.text(node, "a " + what + " must be a name", "customer_id");
        if (name.isPresent() && !SqlIdentifier.isName(name.get())) {
            file.problem(node, what + " '" + name.get() + "' is not valid; " + IDENTIFIER_RULE + " characters");
            return Optional.empty();
        }
        return name;
    }
}
