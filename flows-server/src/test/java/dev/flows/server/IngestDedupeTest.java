package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.testkit.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code dedupe} on a real server: a repeated source + id within the window is answered with the first copy's
 * position and not stored again, across requests, within one, across a restart and under concurrency.
 */
class IngestDedupeTest {

    @TempDir
    Path temp;

    Path flows;
    VirtualClock clock = new VirtualClock(Instant.parse("2026-03-01T10:00:00Z"));
    FlowsServer server;
    Api api;

    @BeforeEach
    void start() throws Exception {
        flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), """
                channels:
                  - name: web
                    partitions: 2
                    dedupe: 10m
                """);
        open();
    }

    private void open() {
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0), clock);
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String event(String id, String source, String subject) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source
                + "\",\"type\":\"click\",\"subject\":\"" + subject + "\",\"data\":{}}";
    }

    private JsonNode post(String body, String contentType) {
        Api.Answer answer = api.post("/channels/web/events", contentType, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("events");
    }

    @Test
    void shouldAnswerARepeatWithTheFirstCopysPositionAndStoreItOnce() {
        JsonNode first = post(event("e1", "/web", "u1"), Api.STRUCTURED).get(0);
        JsonNode again = post(event("e1", "/web", "u1"), Api.STRUCTURED).get(0);
        JsonNode otherSource = post(event("e1", "/app", "u1"), Api.STRUCTURED).get(0);

        assertThat(first.has("duplicate")).isFalse();
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("partition")).isEqualTo(first.get("partition"));
        assertThat(again.get("offset")).isEqualTo(first.get("offset"));
        assertThat(otherSource.has("duplicate")).isFalse();
        assertThat(api.events("web")).isEqualTo(2);
    }

    @Test
    void shouldDeduplicateWithinABatchAndAgainstEarlierRequests() {
        post(event("a", "/web", "u1"), Api.STRUCTURED);
        JsonNode batch = post(
                "[" + event("b", "/web", "u2") + "," + event("a", "/web", "u1") + "," + event("b", "/web", "u2") + ","
                        + event("c", "/web", "u3") + "]",
                Api.BATCH);

        assertThat(batch.get(0).has("duplicate")).isFalse();
        assertThat(batch.get(1).get("duplicate").asBoolean()).isTrue();
        assertThat(batch.get(2).get("duplicate").asBoolean()).isTrue();
        assertThat(batch.get(2).get("offset")).isEqualTo(batch.get(0).get("offset"));
        assertThat(batch.get(2).get("partition")).isEqualTo(batch.get(0).get("partition"));
        assertThat(batch.get(3).has("duplicate")).isFalse();
        assertThat(api.events("web")).isEqualTo(3);
    }

    @Test
    void shouldStoreARepeatAgainOnceTheWindowHasPassed() {
        post(event("e1", "/web", "u1"), Api.STRUCTURED);
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(post(event("e1", "/web", "u1"), Api.STRUCTURED)
                        .get(0)
                        .get("duplicate")
                        .asBoolean())
                .isTrue();

        clock.advance(Duration.ofSeconds(1));
        JsonNode later = post(event("e1", "/web", "u1"), Api.STRUCTURED).get(0);

        assertThat(later.has("duplicate")).isFalse();
        assertThat(api.events("web")).isEqualTo(2);
    }

    @Test
    void shouldStillDeduplicateAfterARestartFromTheRecordsOfTheWindow() {
        JsonNode old = post(event("old", "/web", "u0"), Api.STRUCTURED).get(0);
        clock.advance(Duration.ofMinutes(15));
        JsonNode kept = post(event("e1", "/web", "u1"), Api.STRUCTURED).get(0);
        post(event("e2", "/web", "u2"), Api.STRUCTURED);
        server.close();
        clock.advance(Duration.ofMinutes(5));
        open();

        JsonNode after = post(
                "[" + event("e1", "/web", "u1") + "," + event("e2", "/web", "u2") + "," + event("old", "/web", "u0")
                        + "]",
                Api.BATCH);

        assertThat(after.get(0).get("duplicate").asBoolean()).isTrue();
        assertThat(after.get(0).get("offset")).isEqualTo(kept.get("offset"));
        assertThat(after.get(0).get("partition")).isEqualTo(kept.get("partition"));
        assertThat(after.get(1).get("duplicate").asBoolean()).isTrue();
        assertThat(after.get(2).has("duplicate"))
                .as("stored 20 minutes ago, outside the window")
                .isFalse();
        assertThat(old.has("duplicate")).isFalse();
        assertThat(api.events("web")).isEqualTo(4);
    }

    @Test
    void shouldStoreAnIdOnceWhenRequestsCarryingItRace() throws Exception {
        int rounds = 20;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                String body = event("race-" + round, "/web", "u" + round);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<JsonNode>> answers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    answers.add(threads.submit(() -> {
                        go.await();
                        return post(body, Api.STRUCTURED).get(0);
                    }));
                }
                go.countDown();
                JsonNode a = answers.get(0).get();
                JsonNode b = answers.get(1).get();

                assertThat(a.has("duplicate") ^ b.has("duplicate"))
                        .as("exactly one stored")
                        .isTrue();
                assertThat(a.get("offset")).isEqualTo(b.get("offset"));
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(api.events("web")).isEqualTo(rounds);
    }
}
