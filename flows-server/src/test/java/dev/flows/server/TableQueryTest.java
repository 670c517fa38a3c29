package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.state.StateUpdate;
import dev.flows.engine.state.MvStateStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /tables/{name}} over real HTTP: a CEL filter over {@code row} and {@code key}, pages by {@code
 * after} and {@code limit}, the bounded scan of a filter that matches little, and the problems of bad filters.
 */
class TableQueryTest {

    @TempDir
    Path temp;

    FlowsServer server;
    Api api;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), "channels:\n  - in\n");
        Files.writeString(flows.resolve("counts.yaml"), """
                flow: counts
                from: in
                to:
                  - table:
                      name: counts
                      key: subject
                      set: { n: "(has(row.n) ? row.n : 0) + 1" }
                """);
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
        api = new Api(server.port());
    }

    private static String filter(String cel) {
        return URLEncoder.encode(cel, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> keys(JsonNode answer) {
        List<String> keys = new ArrayList<>();
        answer.get("rows").forEach(row -> keys.add(row.get("key").asString()));
        return keys;
    }

    private void post(String... subjects) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < subjects.length; i++) {
            batch.append(i == 0 ? "" : ",").append(Api.event("e" + i, "tick", subjects[i], "{}"));
        }
        assertThat(api.post("/channels/in/events", Api.BATCH, batch.append(']').toString())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void shouldFilterRowsWithCelAndPageThroughThem() throws Exception {
        start();
        post("a1", "a2", "a2", "b1", "a3", "a3", "a3", "a4", "a4");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/tables/counts").json().get("version").asLong() == 9);

        String path = "/tables/counts?limit=2&filter=" + filter("row.n >= 2 && key.startsWith(\"a\")");
        JsonNode first = api.get(path).json();
        JsonNode second =
                api.get(path + "&after=" + first.get("next").asString()).json();

        assertThat(keys(first)).containsExactly("a2", "a3");
        assertThat(first.get("rows").get(1).get("value").get("n").asLong()).isEqualTo(3);
        assertThat(first.get("version").asLong()).isEqualTo(9);
        assertThat(keys(second)).containsExactly("a4");
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(keys(api.get("/tables/counts?limit=3").json())).containsExactly("a1", "a2", "a3");
    }

    @Test
    void shouldAnswerABadFilterWithItsPosition() throws Exception {
        start();
        post("a1");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/tables/counts").json().get("rows").size() == 1);

        Api.Answer undeclared = api.get("/tables/counts?filter=" + filter("rw.n > 1"));
        Api.Answer notBool = api.get("/tables/counts?filter=" + filter("row.n + 1"));
        Api.Answer tooLong = api.get("/tables/counts?filter=" + filter("key == \"" + "x".repeat(1_000) + "\""));
        Api.Answer failing = api.get("/tables/counts?filter=" + filter("row.missing > 1"));

        assertThat(undeclared.status()).isEqualTo(400);
        assertThat(undeclared.json().get("type").asString()).isEqualTo("urn:flows:problem:invalid-filter");
        assertThat(undeclared.json().get("detail").asString())
                .isEqualTo("query parameter 'filter' is not a CEL condition over row and key: at line 1, column 1:"
                        + " undeclared reference to 'rw'; did you mean 'row'? The variables are key, row. Write e.g."
                        + " filter=row.orders > 10 && key.startsWith(\"u\")");
        assertThat(notBool.status()).isEqualTo(400);
        assertThat(notBool.json().get("detail").asString()).contains("must be a bool expression");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("detail").asString())
                .isEqualTo("query parameter 'filter' is 1009 characters long; a filter may have at most 1000, so"
                        + " narrow it down or filter on the client");
        assertThat(failing.status()).isEqualTo(400);
        assertThat(failing.json().get("type").asString()).isEqualTo("urn:flows:problem:filter-failed");
        assertThat(failing.json().get("detail").asString())
                .startsWith("query parameter 'filter' failed on row 'a1' of table 'counts': ")
                .contains("missing")
                .endsWith("; a filter must work on every row it meets, so test fields that not every row has with"
                        + " has(...) first");
    }

    @Test
    void shouldStopAFilteredScanAfterItsBudgetAndGoOnFromThereOnTheNextPage() throws Exception {
        Path state = temp.resolve("data").resolve("state").resolve("tables.mv");
        try (MvStateStore store = MvStateStore.open(state)) {
            List<StateUpdate.Put> puts = new ArrayList<>();
            for (int i = 0; i < 100_010; i++) {
                puts.add(new StateUpdate.Put("counts", String.format("k%06d", i), "{\"n\":1}".getBytes()));
            }
            store.apply(new StateUpdate(puts, List.of()));
        }
        start();

        String path = "/tables/counts?filter=" + filter("key == \"k100005\"");
        JsonNode first = api.get(path).json();
        JsonNode second =
                api.get(path + "&after=" + first.get("next").asString()).json();

        assertThat(keys(first)).isEmpty();
        assertThat(first.get("next").asString()).isEqualTo("k099999");
        assertThat(keys(second)).containsExactly("k100005");
        assertThat(second.get("next").isNull()).isTrue();
    }
}
