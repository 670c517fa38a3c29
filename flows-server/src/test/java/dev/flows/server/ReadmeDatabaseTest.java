package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Databases" example runs as written: its {@code CREATE TABLE} on the local PostgreSQL (under a
 * name of this run), its flow in a server, two orders of one customer posted: one row, the name replaced, the
 * orders added, the first-seen time kept.
 */
class ReadmeDatabaseTest {

    private static final Pattern BLOCK = Pattern.compile("```(sql|yaml)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path temp;

    private final String table = LocalDatabase.uniqueTable("flows_readme_customers");

    @AfterEach
    void dropTable() throws Exception {
        LocalDatabase.POSTGRES.dropAndForget(table);
    }

    @Test
    void shouldRunTheDatabaseExampleOfTheReadme() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Databases"), readme.indexOf("## CLI"));
        Matcher block = BLOCK.matcher(section);
        assertThat(block.find()).isTrue();
        String createTable = block.group(2).replace("customers", table);
        assertThat(block.find()).isTrue();
        String flow = block.group(2).replace("table: customers", "table: " + table);
        LocalDatabase.POSTGRES.execute(createTable);
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), "channels: [orders]\n");
        Files.writeString(flows.resolve("customer-sync.yaml"), flow);

        try (FlowsServer server =
                FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0))) {
            Api api = new Api(server.port());
            api.post("/channels/orders/events", Api.STRUCTURED, order("o-1", "2026-03-01T10:00:00Z", "Ada"));
            api.post("/channels/orders/events", Api.STRUCTURED, order("o-2", "2026-03-02T11:00:00Z", "Ada L."));
            await().atMost(Duration.ofSeconds(30)).until(() -> orders() == 2);
        }
        List<Map<String, Object>> rows = LocalDatabase.POSTGRES.query(
                "SELECT customer_id, name, orders, to_char(first_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS"
                        + " first, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS updated FROM "
                        + table);
        assertThat(rows)
                .containsExactly(Map.of(
                        "customer_id", "c-42",
                        "name", "Ada L.",
                        "orders", 2L,
                        "first", "2026-03-01 10:00",
                        "updated", "2026-03-02 11:00"));
    }

    private long orders() throws Exception {
        List<Map<String, Object>> rows = LocalDatabase.POSTGRES.query("SELECT orders FROM " + table);
        return rows.isEmpty() ? 0 : ((Number) rows.getFirst().get("orders")).longValue();
    }

    private static String order(String id, String time, String name) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/shop\",\"type\":\"shop.order.placed\","
                + "\"subject\":\"c-42\",\"time\":\"" + time + "\",\"data\":{\"customer\":\"c-42\",\"name\":\"" + name
                + "\"}}";
    }
}
