package dev.flows.server.http;

import dev.flows.api.state.StateStore;
import dev.flows.api.state.TableRow;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.util.RawValue;

/**
 * {@code GET /tables} (every table with its row count), {@code GET /tables/{name}?after=KEY&limit=N} (rows in
 * key order) and {@code GET /tables/{name}/{key}} (one row). A table exists when a flow declares it, even
 * before its first row.
 */
final class TableRoutes {

    private final StateStore state;
    private final Set<String> declared;

    TableRoutes(StateStore state, Set<String> declared) {
        this.state = state;
        this.declared = Set.copyOf(declared);
    }

    void register(RoutesConfig routes) {
        routes.get("/tables", this::list, Access.ANY_TOKEN);
        routes.get("/tables/{name}", this::scan, Access.on(Verb.CONSUME));
        routes.get("/tables/{name}/{key}", this::row, Access.on(Verb.CONSUME));
    }

    private void list(Context ctx) {
        ctx.json(Map.of(
                "tables",
                names().stream()
                        .map(name -> new TableSummary(name, state.size(name)))
                        .toList()));
    }

    private void scan(Context ctx) {
        String table = require(ctx.pathParam("name"));
        String after = ctx.queryParam("after") == null ? "" : ctx.queryParam("after");
        int limit = (int) QueryParameters.longParam(ctx, "limit", 100, 1, ChannelRoutes.MAX_LIMIT);
        List<RowView> rows =
                state.scan(table, after, limit).stream().map(RowView::of).toList();
        String next = rows.size() == limit ? rows.getLast().key() : null;
        ctx.json(new ScanResult(table, rows, next));
    }

    private void row(Context ctx) {
        String table = require(ctx.pathParam("name"));
        String key = ctx.pathParam("key");
        byte[] value = state.get(table, key)
                .orElseThrow(() -> ApiException.notFound(
                        "unknown-row",
                        "table '" + table + "' has no row '" + key + "'; GET /tables/" + table
                                + " lists the keys it has"));
        ctx.json(RowView.of(new TableRow(key, value)));
    }

    private String require(String table) {
        if (!declared.contains(table) && state.size(table) == 0) {
            throw ApiException.notFound(
                    "unknown-table",
                    "table '" + table + "' does not exist; the tables are: " + String.join(", ", names())
                            + ". A table is declared by a flow's 'to: - table:' destination");
        }
        return table;
    }

    private Set<String> names() {
        Set<String> names = new TreeSet<>(declared);
        names.addAll(state.tables());
        return names;
    }

    /** One line of the table list. */
    record TableSummary(String name, long rows) {}

    /** One row, its value embedded as the JSON it is stored as. */
    record RowView(String key, RawValue value) {
        static RowView of(TableRow row) {
            return new RowView(row.key(), new RawValue(new String(row.value(), StandardCharsets.UTF_8)));
        }
    }

    /** The answer to a scan; {@code next} is the {@code after} for the next page, null at the end. */
    record ScanResult(String table, List<RowView> rows, String next) {}
}
