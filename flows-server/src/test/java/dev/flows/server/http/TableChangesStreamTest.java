package dev.flows.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.server.FlowsServer;
import dev.flows.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /tables/{name}/changes} end to end: a real server whose flow keeps a counter per key (deleted by a
 * {@code gone} event), read by a real SSE client over java.net.http, which sees exactly the committed changes in
 * order, drops the connection, and resumes with {@code Last-Event-ID} without a gap or a repeat; and a restart,
 * after which rows and change versions go on where they were.
 */
class TableChangesStreamTest {

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private FlowsServer server;
    private int sent;

    @BeforeEach
    void start() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), "channels:\n  - name: in\n    partitions: 2\n");
        Files.writeString(flows.resolve("counts.yaml"), """
                flow: counts
                from: in
                to:
                  - table:
                      name: counts
                      key: subject
                      delete: type == "gone"
                      set: { n: "(has(row.n) ? row.n : 0) + 1" }
                """);
        restart();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        http.close();
    }

    private void restart() {
        if (server != null) {
            server.close();
        }
        server = FlowsServer.start(
                ServerConfig.of(temp.resolve("flows"), temp.resolve("data")).withPort(0));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private void post(String type, String... subjects) throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < subjects.length; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"specversion\":\"1.0\",\"id\":\"e")
                    .append(sent++)
                    .append("\",\"source\":\"/test\",\"type\":\"")
                    .append(type)
                    .append("\",\"subject\":\"")
                    .append(subjects[i])
                    .append("\",\"data\":{}}");
        }
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(uri("/channels/in/events"))
                        .header("Content-Type", "application/cloudevents-batch+json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                batch.append(']').toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private JsonNode get(String path) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString())
                .body());
    }

    /** Each message as {@code id key op n}, after checking that its id is its version. */
    private List<String> described(List<ChangeStream.Message> messages) {
        return messages.stream()
                .map(message -> {
                    JsonNode change = json.readTree(message.data());
                    assertThat(change.get("version").asString()).isEqualTo(message.id());
                    JsonNode row = change.get("row");
                    return message.id() + " " + change.get("key").asString() + " "
                            + change.get("op").asString() + " "
                            + (row.isNull() ? "-" : row.get("n").asString());
                })
                .toList();
    }

    @Test
    void shouldStreamEveryChangeInOrderAndResumeAfterADisconnectWithoutGapsOrRepeats() throws Exception {
        ChangeStream stream = ChangeStream.open(http, uri("/tables/counts/changes"), null);
        post("tick", "a", "a", "a");
        post("gone", "a");
        post("tick", "a");

        assertThat(described(stream.next(5)))
                .containsExactly("1 a upsert 1", "2 a upsert 2", "3 a upsert 3", "4 a delete -", "5 a upsert 1");
        stream.close();
        post("tick", "a", "a");
        post("gone", "nobody");

        try (ChangeStream resumed = ChangeStream.open(http, uri("/tables/counts/changes"), "5")) {
            assertThat(described(resumed.next(2))).containsExactly("6 a upsert 2", "7 a upsert 3");
            post("tick", "a");
            assertThat(described(resumed.next(1))).containsExactly("8 a upsert 4");
            assertThat(resumed.quietFor(Duration.ofMillis(500))).isTrue();
        }
        try (ChangeStream from = ChangeStream.open(http, uri("/tables/counts/changes?from=7"), null)) {
            assertThat(described(from.next(2))).containsExactly("7 a upsert 3", "8 a upsert 4");
        }
        try (ChangeStream earliest = ChangeStream.open(http, uri("/tables/counts/changes?from=earliest"), null)) {
            assertThat(earliest.next(8))
                    .extracting(ChangeStream.Message::id)
                    .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        }
    }

    @Test
    void shouldKeepChangesOfKeysOfEveryPartitionInVersionOrder() throws Exception {
        try (ChangeStream stream = ChangeStream.open(http, uri("/tables/counts/changes"), null)) {
            String[] keys = new String[60];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = "k" + i % 6;
            }
            post("tick", keys);

            List<ChangeStream.Message> messages = stream.next(60);
            assertThat(messages)
                    .extracting(ChangeStream.Message::id)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 60)
                            .mapToObj(Integer::toString)
                            .toList());
            for (int k = 0; k < 6; k++) {
                String key = "k" + k;
                assertThat(described(messages).stream().filter(line -> line.split(" ")[1].equals(key)))
                        .extracting(line -> line.split(" ")[3])
                        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
            }
        }
    }

    @Test
    void shouldContinueRowsAndChangeVersionsAfterARestart() throws Exception {
        post("tick", "a", "b", "a");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/tables/counts").get("version").asLong() == 3);

        restart();
        post("tick", "a");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/tables/counts").get("version").asLong() == 4);
        assertThat(get("/tables/counts/a").get("value").get("n").asLong()).isEqualTo(3);
        assertThat(get("/tables").get("tables").get(0).get("version").asLong()).isEqualTo(4);
        try (ChangeStream stream = ChangeStream.open(http, uri("/tables/counts/changes?from=earliest"), null)) {
            List<String> changes = described(stream.next(4));
            assertThat(changes).extracting(line -> line.split(" ")[0]).containsExactly("1", "2", "3", "4");
            assertThat(changes)
                    .extracting(line -> line.substring(line.indexOf(' ') + 1))
                    .containsExactlyInAnyOrder("a upsert 1", "b upsert 1", "a upsert 2", "a upsert 3");
            assertThat(changes.getLast()).isEqualTo("4 a upsert 3");
        }
    }

    @Test
    void shouldAnswerProblemsBeforeTheStreamStarts() throws Exception {
        HttpResponse<java.io.InputStream> unknown = ChangeStream.send(http, uri("/tables/nope/changes"), null);
        HttpResponse<java.io.InputStream> ahead = ChangeStream.send(http, uri("/tables/counts/changes"), "9");
        HttpResponse<java.io.InputStream> notAVersion =
                ChangeStream.send(http, uri("/tables/counts/changes?from=x"), null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(ahead.statusCode()).isEqualTo(400);
        assertThat(json.readTree(ahead.body()).get("detail").asString())
                .isEqualTo("header 'Last-Event-ID' (the last version received) is '9', but the latest change of"
                        + " table 'counts' is version 0; a version from another data directory cannot be resumed,"
                        + " start again with from=earliest or from=latest");
        assertThat(notAVersion.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notAVersion.body()).get("detail").asString())
                .isEqualTo("query parameter 'from' (the first version to send) is 'x'; use a change version (a whole"
                        + " number, 0 or more), earliest or latest");
    }
}
