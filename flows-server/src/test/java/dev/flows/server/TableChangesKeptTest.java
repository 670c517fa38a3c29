package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flows run --table-changes-kept}: a real server keeps that many changes of a table and no more. */
class TableChangesKeptTest {

    private static final String FLOW = """
            channels:
              - orders
            ---
            flow: latest
            from: orders
            to:
              - table:
                  name: latest
                  key: data.order
            """;

    @TempDir
    Path temp;

    @Test
    void shouldKeepOnlyTheLatestChangesItIsToldTo() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(dir.resolve("flows.yaml"), FLOW);
        ServerConfig config =
                ServerConfig.of(dir, temp.resolve("data")).withPort(0).withTableChangesKept(3);
        try (FlowsServer server = FlowsServer.start(config)) {
            Api api = new Api(server.port());
            List<String> orders = new ArrayList<>();
            for (int n = 1; n <= 5; n++) {
                orders.add("{\"specversion\":\"1.0\",\"id\":\"o" + n + "\",\"source\":\"/shop\",\"type\":\"order\","
                        + "\"data\":{\"order\":\"o" + n + "\"}}");
            }
            assertThat(api.post("/channels/orders/events", Api.BATCH, "[" + String.join(",", orders) + "]")
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/tables/latest").json().get("rows").size() == 5);

            Api.Answer tooOld = api.get("/tables/latest/changes?from=1");

            assertThat(tooOld.status()).isEqualTo(410);
            assertThat(tooOld.json().get("detail").asString()).contains("keeps only its changes from version 3 on");
        }
    }

    @Test
    void shouldRefuseToKeepNoChanges() {
        ServerConfig config = ServerConfig.of(temp, temp);

        assertThatThrownBy(() -> config.withTableChangesKept(0))
                .hasMessageContaining("keep at least 1")
                .hasMessageContaining("--table-changes-kept");
    }
}
