package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flows.analytics.history.DuckDb;
import dev.flows.analytics.sql.SqlLimits;
import dev.flows.server.auth.ApiToken;
import dev.flows.server.auth.ApiTokens;
import dev.flows.server.auth.Scope;
import dev.flows.server.auth.TokenFile;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Analytics through a real server over HTTP: orders posted, then a continuous aggregate read as series, SQL over the
 * orders channel, exports read back, every refusal as a problem document, and tokens checked per channel named.
 */
class AnalyticsTest {

    private static final String FLOW = """
            channels:
              - orders
              - secret
            ---
            flow: per-minute
            from: orders
            time: { out-of-order: 0s }
            steps:
              - window:
                  tumbling: 1m
                  by: { country: data.country }
                  aggregate:
                    count: count()
                    revenue: sum(double(data.amount))
                  type: shop.minute
            to:
              - table:
                  name: revenue-per-minute
                  key: data.window_start + "/" + data.country
            """;

    @TempDir
    Path temp;

    private FlowsServer start(ApiTokens tokens) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(dir.resolve("flows.yaml"), FLOW);
        return FlowsServer.start(
                ServerConfig.of(dir, temp.resolve("data")).withPort(0).withTokens(tokens));
    }

    /** Order n: at second 20 * n after midnight, country DE for even n and FR for odd, amount n + 0.5. */
    private static String order(int n) {
        return String.format(
                Locale.ROOT,
                "{\"specversion\":\"1.0\",\"id\":\"o%d\",\"source\":\"/shop\",\"type\":\"shop.order.placed\","
                        + "\"subject\":\"u%d\",\"time\":\"%s\",\"data\":{\"order\":\"o%d\",\"country\":\"%s\","
                        + "\"amount\":%s}}",
                n,
                n % 5,
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(20L * n),
                n,
                n % 2 == 0 ? "DE" : "FR",
                Double.toString(n + 0.5));
    }

    private static String orders(int from, int to) {
        List<String> events = new ArrayList<>();
        for (int n = from; n < to; n++) {
            events.add(order(n));
        }
        return "[" + String.join(",", events) + "]";
    }

    @Test
    void shouldAnswerTheAggregateAsSeriesOverHttp() throws Exception {
        try (FlowsServer server = start(ApiTokens.NONE)) {
            Api api = new Api(server.port());
            // orders 0..11 fill minutes 0 to 3; order 12 (minute 4) moves the watermark past them
            assertThat(api.post("/channels/orders/events", Api.BATCH, orders(0, 13))
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/tables/revenue-per-minute")
                                    .json()
                                    .get("rows")
                                    .size()
                            == 8);

            Api.Answer list = api.get("/analytics");
            assertThat(list.body())
                    .isEqualTo("{\"aggregates\":[{\"name\":\"revenue-per-minute\",\"flow\":\"per-minute\","
                            + "\"window\":\"tumbling 1m\",\"by\":[\"country\"],\"aggregates\":[\"count\",\"revenue\"],"
                            + "\"rows\":8}]}");

            Api.Answer series =
                    api.get("/analytics/revenue-per-minute?from=2026-01-01T00:01:00Z&to=2026-01-01T00:03:00Z");
            assertThat(series.status()).isEqualTo(200);
            assertThat(series.body())
                    .isEqualTo("{\"name\":\"revenue-per-minute\",\"from\":\"2026-01-01T00:01:00Z\","
                            + "\"to\":\"2026-01-01T00:03:00Z\",\"window\":\"tumbling 1m\",\"by\":[\"country\"],"
                            + "\"series\":["
                            + "{\"key\":{\"country\":\"DE\"},\"points\":["
                            + point("00:01", "00:02", 1, 4.5) + "," + point("00:02", "00:03", 2, 6.5 + 8.5) + "]},"
                            + "{\"key\":{\"country\":\"FR\"},\"points\":["
                            + point("00:01", "00:02", 2, 3.5 + 5.5) + "," + point("00:02", "00:03", 1, 7.5) + "]}"
                            + "],\"truncated\":false}");

            JsonNode onlyFr = api.get("/analytics/revenue-per-minute?key=FR").json();
            assertThat(onlyFr.get("series")).hasSize(1);
            assertThat(onlyFr.get("series").get(0).get("points")).hasSize(4);

            assertThat(api.get("/analytics/revenue-per-minute?from=yesterday")
                            .json()
                            .get("detail")
                            .asString())
                    .contains("query parameter 'from' is 'yesterday'")
                    .contains("2026-01-01T00:00:00Z");
            assertThat(api.get("/analytics/orders").status()).isEqualTo(404);
        }
    }

    @Test
    void shouldHoldQueriesToTheServersSqlLimits() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(dir.resolve("flows.yaml"), FLOW);
        ServerConfig config = ServerConfig.of(dir, temp.resolve("data"))
                .withPort(0)
                .withSqlLimits(SqlLimits.upTo(5, Duration.ofSeconds(2), "256MB"));
        try (FlowsServer server = FlowsServer.start(config)) {
            Api api = new Api(server.port());
            assertThat(api.post("/channels/orders/events", Api.BATCH, orders(0, 13))
                            .status())
                    .isEqualTo(200);

            JsonNode capped = api.post("/sql", "text/plain", "select id from channel('orders') order by id")
                    .json();
            Api.Answer tooMany = api.post(
                    "/sql", "application/json", "{\"sql\": \"select id from channel('orders')\", \"limit\": 6}");
            Api.Answer tooLong = api.post(
                    "/sql",
                    "application/json",
                    "{\"sql\": \"select id from channel('orders')\", \"timeout_ms\": 3000}");

            assertThat(capped.get("rows")).hasSize(5);
            assertThat(capped.get("truncated").asBoolean()).isTrue();
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.json().get("detail").asString()).contains("use an integer from 0 to 5 (default 5)");
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.json().get("detail").asString())
                    .contains("use an integer from 1 to 2000 (default 2000)");
        }
    }

    @Test
    void shouldRefuseSqlLimitsThatCannotBeMet() {
        assertThatThrownBy(() -> SqlLimits.upTo(0, Duration.ofSeconds(1), "1GB"))
                .hasMessageContaining("--sql-max-rows");
        assertThatThrownBy(() -> SqlLimits.upTo(10, Duration.ZERO, "1GB")).hasMessageContaining("--sql-max-time");
        assertThatThrownBy(() -> SqlLimits.upTo(10, Duration.ofSeconds(1), "lots"))
                .hasMessageContaining("--sql-memory")
                .hasMessageContaining("'lots'");
    }

    private static String point(String start, String end, int count, double revenue) {
        return "{\"window_start\":\"2026-01-01T" + start + ":00Z\",\"window_end\":\"2026-01-01T" + end
                + ":00Z\",\"count\":" + count + ",\"revenue\":" + revenue + "}";
    }

    @Test
    void shouldRunSqlOverTheOrdersChannel() throws Exception {
        try (FlowsServer server = start(ApiTokens.NONE)) {
            Api api = new Api(server.port());
            api.post("/channels/orders/events", Api.BATCH, orders(0, 30));
            Api.Answer answer = api.post(
                    "/sql",
                    "application/json",
                    "{\"sql\": \"select data->>'country' as country, count(*) as orders,"
                            + " sum((data->>'amount')::double) as revenue from channel('orders')"
                            + " where time < '2026-01-01T00:05:00Z' group by 1 order by 1\"}");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode body = answer.json();
            assertThat(body.get("columns").toString())
                    .isEqualTo("[{\"name\":\"country\",\"type\":\"VARCHAR\"},{\"name\":\"orders\",\"type\":\"BIGINT\"},"
                            + "{\"name\":\"revenue\",\"type\":\"DOUBLE\"}]");
            // orders 0..14 are before minute 5: DE the even ones (8), FR the odd ones (7)
            assertThat(body.get("rows").toString()).isEqualTo("[[\"DE\",8,60.0],[\"FR\",7,52.5]]");
            assertThat(body.get("truncated").asBoolean()).isFalse();
            assertThat(body.get("elapsed_ms").asLong()).isNotNegative();

            Api.Answer plain = api.post("/sql", "text/plain", "select id, data from channel('orders') order by time");
            assertThat(plain.json().get("rows").get(0).toString())
                    .isEqualTo("[\"o0\",{\"order\":\"o0\",\"country\":\"DE\",\"amount\":0.5}]");

            Api.Answer limited = api.post(
                    "/sql", "application/json", "{\"sql\": \"select id from channel('orders')\", \"limit\": 3}");
            assertThat(limited.json().get("rows")).hasSize(3);
            assertThat(limited.json().get("truncated").asBoolean()).isTrue();
        }
    }

    @Test
    void shouldAnswerEveryRefusedQueryWithAProblemAndChangeNothing() throws Exception {
        try (FlowsServer server = start(ApiTokens.NONE)) {
            Api api = new Api(server.port());
            api.post("/channels/orders/events", Api.BATCH, orders(0, 3));
            Path written = temp.resolve("stolen.csv");

            Api.Answer syntax = sql(api, "select count(* from channel('orders')");
            assertThat(syntax.status()).isEqualTo(400);
            assertThat(syntax.json().get("type").asString()).isEqualTo("urn:flows:problem:sql-invalid");
            assertThat(syntax.json().get("detail").asString())
                    .contains("syntax error")
                    .contains("(line 1, column");
            assertThat(syntax.json().get("errors").get(0).get("pointer").asString())
                    .isEqualTo("/sql");

            Api.Answer column = sql(api, "select amount from channel('orders')");
            assertThat(column.status()).isEqualTo(400);
            assertThat(column.json().get("detail").asString()).contains("\"amount\" not found");

            Api.Answer unknown = sql(api, "select * from channel('order')");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().get("type").asString()).isEqualTo("urn:flows:problem:unknown-channel");
            assertThat(unknown.json().get("detail").asString()).contains("channel 'order' does not exist");

            for (String refused : List.of(
                    "copy (select * from channel('orders')) to '" + written + "'",
                    "select * from read_text('/etc/passwd')",
                    "attach '" + temp.resolve("x.duckdb") + "'",
                    "set enable_external_access = true",
                    "create table t as select 1")) {
                Api.Answer answer = sql(api, refused);
                assertThat(answer.status()).as(refused).isEqualTo(400);
                assertThat(answer.json().get("type").asString()).as(refused).isEqualTo("urn:flows:problem:sql-refused");
            }
            assertThat(written).doesNotExist();
            assertThat(temp.resolve("x.duckdb")).doesNotExist();

            Api.Answer slow = api.post(
                    "/sql",
                    "application/json",
                    "{\"sql\": \"select sum(hash(a.range * b.range)) from range(1000000) a, range(1000000) b\","
                            + " \"timeout_ms\": 200}");
            assertThat(slow.status()).isEqualTo(422);
            assertThat(slow.json().get("type").asString()).isEqualTo("urn:flows:problem:sql-timeout");
            assertThat(slow.json().get("detail").asString())
                    .contains("timeout of 200 ms")
                    .contains("timeout_ms");

            Api.Answer tooMany = api.post("/sql", "application/json", "{\"sql\": \"select 1\", \"limit\": 1000001}");
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.json().get("detail").asString())
                    .contains("'limit' is 1000001")
                    .contains("100000");

            assertThat(api.events("orders")).isEqualTo(3);
        }
    }

    @Test
    void shouldExportTheOrdersAndReadThemBack() throws Exception {
        try (FlowsServer server = start(ApiTokens.NONE)) {
            Api api = new Api(server.port());
            api.post("/channels/orders/events", Api.BATCH, orders(0, 40));

            HttpResponse<String> jsonl = api.http()
                    .send(
                            HttpRequest.newBuilder(api.uri("/channels/orders/export?format=jsonl"
                                            + "&from=2026-01-01T00:01:00Z&to=2026-01-01T00:02:00Z"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(jsonl.statusCode()).isEqualTo(200);
            assertThat(jsonl.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/jsonl");
            assertThat(jsonl.body().lines().toList()).containsExactly(order(3), order(4), order(5));

            Path file = temp.resolve("orders.parquet");
            HttpResponse<Path> parquet = api.http()
                    .send(
                            HttpRequest.newBuilder(api.uri("/channels/orders/export?format=parquet"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofFile(file));
            assertThat(parquet.statusCode()).isEqualTo(200);
            assertThat(parquet.headers().firstValue("Content-Disposition").orElseThrow())
                    .isEqualTo("attachment; filename=\"orders.parquet\"");
            List<String> read = new ArrayList<>();
            try (DuckDBConnection db = DuckDb.openInMemory();
                    Statement statement = db.createStatement();
                    ResultSet rows = statement.executeQuery("select \"offset\", id, data->>'country',"
                            + " (data->>'amount')::double, epoch(time)::bigint from read_parquet("
                            + DuckDb.literal(file.toString()) + ")")) {
                while (rows.next()) {
                    read.add(rows.getLong(1) + " " + rows.getString(2) + " " + rows.getString(3) + " "
                            + rows.getDouble(4) + " " + rows.getLong(5));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int n = 0; n < 40; n++) {
                expected.add(n + " o" + n + " " + (n % 2 == 0 ? "DE" : "FR") + " " + (n + 0.5) + " "
                        + (Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() + 20L * n));
            }
            assertThat(read).isEqualTo(expected);

            assertThat(api.get("/channels/orders/export?format=csv")
                            .json()
                            .get("detail")
                            .asString())
                    .contains("use parquet or jsonl");
            assertThat(api.get("/channels/nope/export").status()).isEqualTo(404);
        }
    }

    @Test
    void shouldNeedConsumeOnEveryChannelAQueryReads() throws Exception {
        String ordersOnly = "orders-only-secret-0123456789";
        ApiTokens tokens = new ApiTokens(
                List.of(new ApiToken("reader", TokenFile.digest(ordersOnly), List.of(Scope.parse("consume:orders")))));
        try (FlowsServer server = start(tokens)) {
            Api api = new Api(server.port());
            assertThat(sqlAs(api, ordersOnly, "select count(*) from channel('orders')"))
                    .isEqualTo(200);
            assertThat(sqlAs(
                            api,
                            ordersOnly,
                            "select count(*) from channel('orders') join channel('secret') using (id)"))
                    .isEqualTo(403);
            assertThat(sqlAs(api, ordersOnly, "select 1")).isEqualTo(200);
        }
    }

    private static Api.Answer sql(Api api, String sql) {
        return api.post("/sql", "text/plain", sql);
    }

    private static int sqlAs(Api api, String token, String sql) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.uri("/sql"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build();
        return api.http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
