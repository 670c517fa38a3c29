package dev.flows.server.http;

import dev.flows.api.state.StateStore;
import dev.flows.api.state.TableRow;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /tables} (every table with its row count), {@code GET /tables/{name}?after=KEY&limit=N&filter=CEL}
 * (rows in key order, those the {@link RowFilter} matches if one is given, with the table's change version),
 * {@code GET /tables/{name}/changes} (its changes as Server-Sent Events: {@link TableChangeRoutes}) and {@code
 * GET /tables/{name}/{key}} (one row; a row keyed {@code changes} is read with {@code filter=key == "changes"}).
 * A table exists when a flow declares it, even before its first row.
 */
final class TableRoutes implements AutoCloseable {

    private final StateStore state;
    private final KnownTables tables;
    private final CelCompiler cel;
    private final TableChangeRoutes changes;

    TableRoutes(StateStore state, Set<String> declared, CelCompiler cel, JsonMapper json) {
        this.state = state;
        this.tables = new KnownTables(state, declared);
        this.cel = cel;
        this.changes = new TableChangeRoutes(state, tables, json);
    }

    void register(RoutesConfig routes) {
        routes.get("/tables", this::list, Access.ANY_TOKEN);
        routes.get("/tables/{name}", this::scan, Access.on(Verb.CONSUME));
        changes.register(routes); // before {key}, which would otherwise take /changes for a key
        routes.get("/tables/{name}/{key}", this::row, Access.on(Verb.CONSUME));
    }

    private void list(Context ctx) {
        ctx.json(Map.of(
                "tables",
                tables.names().stream()
                        .map(name -> new TableSummary(
                                name,
                                state.size(name),
                                state.changeVersions(name).last()))
                        .toList()));
    }

    private void scan(Context ctx) {
        String table = tables.require(ctx.pathParam("name"));
        String after = ctx.queryParam("after") == null ? "" : ctx.queryParam("after");
        int limit = (int) QueryParameters.longParam(ctx, "limit", 100, 1, ChannelRoutes.MAX_LIMIT);
        String filterText = ctx.queryParam("filter");
        RowFilter filter = filterText == null || filterText.isBlank() ? null : RowFilter.compile(filterText, cel);
        // Read before the rows, so that the rows reflect at least every change up to it.
        long version = state.changeVersions(table).last();
        RowFilter.Page page = filter == null ? page(table, after, limit) : filter.scan(state, table, after, limit);
        ctx.json(new ScanResult(table, page.rows(), page.next(), version));
    }

    private RowFilter.Page page(String table, String after, int limit) {
        List<RowView> rows =
                state.scan(table, after, limit).stream().map(RowView::of).toList();
        return new RowFilter.Page(rows, rows.size() == limit ? rows.getLast().key() : null);
    }

    private void row(Context ctx) {
        String table = tables.require(ctx.pathParam("name"));
        String key = ctx.pathParam("key");
        byte[] value = state.get(table, key)
                .orElseThrow(() -> ApiException.notFound(
                        "unknown-row",
                        "table '" + table + "' has no row '" + key + "'; GET /tables/" + table
                                + " lists the keys it has"));
        ctx.json(RowView.of(new TableRow(key, value)));
    }

    /** Ends every stream of changes. */
    @Override
    public void close() {
        changes.close();
    }

    /**
     * One line of the table list.
     *
     * @param version the version of the table's latest change, 0 before the first
     */
    record TableSummary(String name, long rows, long version) {}

    /**
     * The answer to a scan.
     *
     * @param next    the {@code after} for the next page, null at the end
     * @param version the version of the table's latest change when the scan began: the rows reflect every change
     *                up to it (and maybe later ones), so {@code GET /tables/{name}/changes?from=<version + 1>}
     *                continues from them without missing a change
     */
    record ScanResult(String table, List<RowView> rows, String next, long version) {}
}
