package dev.flows.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.analytics.history.DuckDb;
import dev.flows.server.FlowsServer;
import dev.flows.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flows sql} and {@code flows export} against a real server holding a few orders. */
class SqlCommandTest {

    @TempDir
    Path temp;

    private FlowsServer server;
    private String url;
    private final List<String> orders = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(dir.resolve("channels.yaml"), "channels:\n  - name: orders\n    partitions: 2\n");
        server = FlowsServer.start(ServerConfig.of(dir, temp.resolve("data")).withPort(0));
        url = "http://127.0.0.1:" + server.port();
        for (int n = 0; n < 6; n++) {
            orders.add("{\"specversion\":\"1.0\",\"id\":\"o" + n + "\",\"source\":\"/shop\",\"type\":\""
                    + (n < 4 ? "shop.order.placed" : "shop.order.cancelled") + "\",\"subject\":\"u" + n
                    + "\",\"time\":\"2026-01-01T00:0" + n + ":00Z\",\"data\":{\"amount\":" + (n + 1) * 10.0
                    + ",\"note\":\"a, \\\"b\\\"\"}}");
        }
        Cli.Run produce = Cli.run(String.join("\n", orders) + "\n", "produce", "orders", "--server", url);
        assertThat(produce.exitCode()).as(produce.err()).isZero();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldPrintATable() {
        Cli.Run run = Cli.run(
                "",
                "sql",
                "select type, count(*) as n, sum((data->>'amount')::double) as revenue from channel('orders')"
                        + " group by 1 order by 1",
                "--server",
                url);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                        type                 | n | revenue
                        ---------------------+---+--------
                        shop.order.cancelled | 2 |   110.0
                        shop.order.placed    | 4 |   100.0
                        (2 rows, %s ms)
                        """.formatted(run.out().replaceAll("(?s).*\\(2 rows, (\\d+) ms\\).*", "$1")));
    }

    @Test
    void shouldPrintJsonAndCsvAndSayWhenTruncated() {
        Cli.Run json = Cli.run(
                "",
                "sql",
                "select id from channel('orders') order by id",
                "--limit",
                "2",
                "--format",
                "json",
                "--server",
                url);
        assertThat(json.out())
                .startsWith("{")
                .contains("\"rows\":[[\"o0\"],[\"o1\"]]")
                .contains("\"truncated\":true");

        Cli.Run csv = Cli.run(
                "",
                "sql",
                "select id, data->>'note' as note, data from channel('orders')" + " where id = 'o1'",
                "--format",
                "csv",
                "--server",
                url);
        assertThat(csv.out())
                .isEqualTo(
                        "id,note,data\no1,\"a, \"\"b\"\"\",\"{\"\"amount\"\":20.0,\"\"note\"\":\"\"a, \\\"\"b\\\"\"\"\"}\"\n");

        Cli.Run table = Cli.run("", "sql", "select id from channel('orders')", "--limit", "1", "--server", url);
        assertThat(table.out()).contains("(1 row, truncated: more rows match; raise --limit");
    }

    @Test
    void shouldExitWithOneAndTheProblemWhenTheServerRefuses() {
        Cli.Run refused = Cli.run("", "sql", "copy (select 1) to '/tmp/x.csv'", "--server", url);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("flows: the query was refused (400): the query was refused because");

        Cli.Run unknown = Cli.run("", "sql", "select * from channel('nope')", "--server", url);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("channel 'nope' does not exist");

        Cli.Run usage = Cli.run("", "sql", "--server", url);
        assertThat(usage.exitCode()).isEqualTo(2);

        Cli.Run down = Cli.run("", "sql", "select 1", "--server", "http://127.0.0.1:9");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("cannot reach flows");
    }

    @Test
    void shouldExportJsonLinesAndParquet() throws Exception {
        Path jsonl = temp.resolve("orders.jsonl");
        Cli.Run run = Cli.run(
                "",
                "export",
                "orders",
                "--format",
                "jsonl",
                "--from",
                "2026-01-01T00:01:00Z",
                "--to",
                "2026-01-01T00:04:00Z",
                "-o",
                jsonl.toString(),
                "--server",
                url);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("exported channel orders as jsonl to " + jsonl);
        assertThat(Files.readAllLines(jsonl, StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(orders.get(1), orders.get(2), orders.get(3));

        Path parquet = temp.resolve("orders.parquet");
        assertThat(Cli.run("", "export", "orders", "--format", "parquet", "-o", parquet.toString(), "--server", url)
                        .exitCode())
                .isZero();
        List<String> ids = new ArrayList<>();
        try (DuckDBConnection db = DuckDb.openInMemory();
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select id from read_parquet(" + DuckDb.literal(parquet.toString()) + ") order by id")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        assertThat(ids).containsExactly("o0", "o1", "o2", "o3", "o4", "o5");

        Cli.Run badTime = Cli.run(
                "",
                "export",
                "orders",
                "--format",
                "jsonl",
                "--from",
                "yesterday",
                "-o",
                jsonl.toString(),
                "--server",
                url);
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).contains("--from 'yesterday' is not a time");

        Cli.Run unknown = Cli.run(
                "",
                "export",
                "nope",
                "--format",
                "jsonl",
                "-o",
                temp.resolve("x").toString(),
                "--server",
                url);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("channel 'nope' does not exist");
        assertThat(temp.resolve("x")).doesNotExist();
    }
}
