package dev.flows.server.http;

import dev.flows.analytics.AnalyticsException;
import dev.flows.analytics.sql.SqlEngine;
import dev.flows.analytics.sql.SqlLimits;
import dev.flows.analytics.sql.SqlQuery;
import dev.flows.analytics.sql.SqlResult;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.AccessCheck;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /sql}: read-only SQL over channels' history, {@code channel('name')} standing for a channel's
 * records. The body is {@code {"sql": "...", "limit": N, "timeout_ms": T}} ({@code limit} and {@code timeout_ms}
 * optional) or the query alone as {@code text/plain}. The answer is {@code {"columns": [{"name", "type"}], "rows":
 * [[...]], "truncated", "elapsed_ms"}}. A token needs {@code consume} on every channel the query names.
 */
final class SqlRoutes {

    private static final int MAX_SQL_CHARS = 100_000;

    private final SqlEngine engine;
    private final JsonMapper json;

    SqlRoutes(SqlEngine engine, JsonMapper json) {
        this.engine = engine;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.post("/sql", this::query, Access.anyName(Verb.CONSUME));
    }

    private void query(Context ctx) {
        SqlQuery query = parse(ctx);
        AccessCheck.requireOnEach(ctx, Verb.CONSUME, SqlEngine.channelsIn(query.sql()));
        SqlResult result;
        try {
            result = engine.query(query);
        } catch (AnalyticsException e) {
            throw AnalyticsProblems.of(e, query.sql());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("columns", result.columns());
        answer.put("rows", result.rows());
        answer.put("truncated", result.truncated());
        answer.put("elapsed_ms", result.elapsedMs());
        ctx.json(answer);
    }

    private SqlQuery parse(Context ctx) {
        SqlLimits limits = engine.limits();
        String body = new String(RequestBody.read(ctx), StandardCharsets.UTF_8);
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("text/plain")) {
            return new SqlQuery(checked(body), limits.defaultRows(), limits.defaultTimeout());
        }
        if (!type.isEmpty() && !type.startsWith("application/json")) {
            throw ApiException.unsupportedMediaType("POST /sql takes application/json ({\"sql\": \"select ...\"})"
                    + " or text/plain (the query alone), not '" + type + "'");
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest(
                    "invalid-body",
                    "the body of POST /sql is not JSON (" + e.getOriginalMessage()
                            + "); send {\"sql\": \"select count(*) from channel('shop')\"}");
        }
        JsonNode sql = tree == null ? null : tree.get("sql");
        if (sql == null || !sql.isString()) {
            throw invalid(
                    "/sql", "'sql' must be the query as a string, such as \"select count(*) from channel('shop')\"");
        }
        int limit = (int) number(tree, "limit", limits.defaultRows(), 0, limits.maxRows());
        long timeoutMs = number(
                tree,
                "timeout_ms",
                limits.defaultTimeout().toMillis(),
                1,
                limits.maxTimeout().toMillis());
        return new SqlQuery(checked(sql.asString()), limit, Duration.ofMillis(timeoutMs));
    }

    private static long number(JsonNode tree, String field, long defaultValue, long min, long max) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw invalid(
                    "/" + field,
                    "'" + field + "' is " + node + "; use an integer from " + min + " to " + max + " (default "
                            + defaultValue + ")");
        }
        return node.asLong();
    }

    private static String checked(String sql) {
        if (sql.isBlank()) {
            throw invalid("/sql", "'sql' is empty; send a SELECT such as select count(*) from channel('shop')");
        }
        if (sql.length() > MAX_SQL_CHARS) {
            throw invalid(
                    "/sql",
                    "the query has " + sql.length() + " characters, more than the " + MAX_SQL_CHARS
                            + " allowed; shorten it");
        }
        return sql;
    }

    private static ApiException invalid(String pointer, String message) {
        return ApiException.badRequest("invalid-body", message, List.of(new InvalidValue(pointer, message, null)));
    }
}
