package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.testkit.VirtualClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rate-limit} on a real server, on a clock the test steps: 429 with Retry-After, and nothing stored. */
class IngestRateLimitTest {

    @TempDir
    Path temp;

    VirtualClock clock = new VirtualClock(Instant.parse("2026-03-01T10:00:00Z"));
    FlowsServer server;
    Api api;

    @BeforeEach
    void start() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), """
                channels:
                  - name: web
                    rate-limit: 4/s
                  - shop
                """);
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0), clock);
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String batch(int events, String prefix) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            list.add("{\"specversion\":\"1.0\",\"id\":\"" + prefix + i + "\",\"source\":\"/s\",\"type\":\"t\"}");
        }
        return "[" + String.join(",", list) + "]";
    }

    private HttpResponse<String> post(String body) throws Exception {
        return api.http()
                .send(
                        HttpRequest.newBuilder(api.uri("/channels/web/events"))
                                .header("Content-Type", Api.BATCH)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRefuseWith429AndRetryAfterOnceTheSecondsWorthIsSpentThenAcceptAfterTheClockMoves() throws Exception {
        assertThat(post(batch(3, "a")).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = post(batch(2, "b"));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.json().readTree(refused.body()).get("type").asString())
                .isEqualTo("urn:flows:problem:rate-limited");
        assertThat(api.json().readTree(refused.body()).get("detail").asString())
                .contains("channel 'web' accepts at most 4 events per second")
                .contains("nothing was stored");
        assertThat(api.events("web")).isEqualTo(3);

        clock.advance(Duration.ofMillis(250));
        assertThat(post(batch(2, "c")).statusCode()).isEqualTo(200);
        assertThat(post(batch(1, "d")).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(5));
        assertThat(post(batch(4, "e")).statusCode())
                .as("a full bucket holds one second's worth")
                .isEqualTo(200);
        assertThat(api.events("web")).isEqualTo(9);
        assertThat(api.post("/channels/shop/events", Api.BATCH, batch(50, "f")).status())
                .as("other channels are not limited")
                .isEqualTo(200);
    }

    @Test
    void shouldRoundRetryAfterUpToWholeSeconds() throws Exception {
        post(batch(4, "a"));
        clock.advance(Duration.ofMillis(100));

        assertThat(post(batch(4, "b")).headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void shouldRefuseABatchLargerThanOneSecondsWorthAsTooLarge() throws Exception {
        HttpResponse<String> answer = post(batch(5, "a"));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("batch-over-rate-limit").contains("Send batches of at most 4 events");
        assertThat(api.events("web")).isZero();
    }
}
