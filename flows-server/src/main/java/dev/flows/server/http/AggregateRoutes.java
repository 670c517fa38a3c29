package dev.flows.server.http;

import dev.flows.analytics.aggregate.AggregateCatalog;
import dev.flows.analytics.aggregate.ContinuousAggregate;
import dev.flows.analytics.aggregate.SeriesReader;
import dev.flows.analytics.aggregate.SeriesRequest;
import dev.flows.api.state.StateStore;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /analytics} (the continuous aggregates: tables fed by a window) and {@code
 * GET /analytics/{name}?from=TIME&to=TIME[&key=V | &key.FIELD=V][&max_rows=N]} (an aggregate's points with a window
 * start in {@code [from, to)}, one series per by-key, each by window start). Reading an aggregate needs {@code
 * consume} on its table, as reading the table does.
 */
final class AggregateRoutes {

    /** Table rows one request reads at most, unless it asks for fewer. */
    static final int MAX_ROWS = 100_000;

    private final AggregateCatalog catalog;
    private final SeriesReader series;
    private final StateStore state;

    AggregateRoutes(AggregateCatalog catalog, SeriesReader series, StateStore state) {
        this.catalog = catalog;
        this.series = series;
        this.state = state;
    }

    void register(RoutesConfig routes) {
        routes.get("/analytics", this::list, Access.ANY_TOKEN);
        routes.get("/analytics/{name}", this::read, Access.on(Verb.CONSUME));
    }

    private void list(Context ctx) {
        ctx.json(Map.of(
                "aggregates",
                catalog.all().stream()
                        .map(a -> new Summary(
                                a.table(), a.flow(), a.shape(), a.by(), a.aggregates(), state.size(a.table())))
                        .toList()));
    }

    private void read(Context ctx) {
        String name = ctx.pathParam("name");
        ContinuousAggregate aggregate = catalog.find(name)
                .orElseThrow(() -> ApiException.notFound(
                        "unknown-aggregate",
                        "'" + name + "' is not a continuous aggregate; the aggregates are: "
                                + String.join(
                                        ", ",
                                        catalog.all().stream()
                                                .map(ContinuousAggregate::table)
                                                .toList())
                                + ". An aggregate is a table a flow writes after a window step (to: - table:)"));
        Instant from = AnalyticsProblems.instantParam("from", ctx.queryParam("from"));
        Instant to = AnalyticsProblems.instantParam("to", ctx.queryParam("to"));
        int maxRows = (int) QueryParameters.longParam(ctx, "max_rows", MAX_ROWS, 1, MAX_ROWS);
        SeriesReader.Series answer = series.read(aggregate, new SeriesRequest(from, to, key(ctx, aggregate), maxRows));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", answer.name());
        body.put("from", from == null ? null : from.toString());
        body.put("to", to == null ? null : to.toString());
        body.put("window", aggregate.shape());
        body.put("by", aggregate.by());
        body.put("series", answer.series());
        body.put("truncated", answer.truncated());
        ctx.json(body);
    }

    private static Map<String, String> key(Context ctx, ContinuousAggregate aggregate) {
        Map<String, String> key = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
            String field = param.getKey().equals("key")
                    ? single(aggregate)
                    : param.getKey().startsWith("key.") ? param.getKey().substring(4) : null;
            if (field == null) {
                continue;
            }
            if (!aggregate.by().contains(field)) {
                throw ApiException.badRequest(
                        "invalid-parameter",
                        "query parameter '" + param.getKey() + "' names '" + field + "', which is not a by-field of '"
                                + aggregate.table() + "'; its by-fields are " + aggregate.by());
            }
            key.put(field, param.getValue().getFirst());
        }
        return key;
    }

    private static String single(ContinuousAggregate aggregate) {
        if (aggregate.by().size() != 1) {
            throw ApiException.badRequest(
                    "invalid-parameter",
                    "query parameter 'key' works for an aggregate with one by-field; '" + aggregate.table() + "' has "
                            + aggregate.by() + ": use key.<field>=value for each");
        }
        return aggregate.by().getFirst();
    }

    /** One line of the aggregate list. */
    record Summary(String name, String flow, String window, List<String> by, List<String> aggregates, long rows) {}
}
