package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * End to end over real HTTP on an ephemeral port: the shop example's flows, a real webhook receiver, the
 * embedded log and the state store on a temporary data directory.
 */
class FlowsServerTest {

    @TempDir
    Path temp;

    WebhookReceiver receiver;
    FlowsServer server;
    Api api;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        ShopExample.copyTo(temp.resolve("flows"), receiver.url("/big-orders"));
        startServer();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        receiver.close();
    }

    private void startServer() {
        server = FlowsServer.start(
                ServerConfig.of(temp.resolve("flows"), temp.resolve("data")).withPort(0));
        api = new Api(server.port());
    }

    @Test
    void shouldAcknowledgeStructuredEventWithItsPosition() {
        Api.Answer answer = api.post("/channels/shop/events", Api.STRUCTURED, Api.order("e1", "u1", "o1", 20.0));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode accepted = answer.json().get("events").get(0);
        assertThat(accepted.get("id").asString()).isEqualTo("e1");
        assertThat(accepted.get("offset").asLong()).isZero();
        assertThat(api.events("shop")).isEqualTo(1);
    }

    @Test
    void shouldAcknowledgeBatchAndKeepOneUsersEventsInOnePartitionInOrder() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(Api.order("e" + i, "u" + (i % 3), "o" + i, i));
        }

        Api.Answer answer = api.post("/channels/shop/events", Api.BATCH, "[" + String.join(",", events) + "]");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode accepted = answer.json().get("events");
        assertThat(accepted).hasSize(20);
        for (int i = 3; i < 20; i++) {
            JsonNode earlier = accepted.get(i - 3);
            JsonNode later = accepted.get(i);
            assertThat(later.get("partition").asInt())
                    .isEqualTo(earlier.get("partition").asInt());
            assertThat(later.get("offset").asLong())
                    .isGreaterThan(earlier.get("offset").asLong());
        }
        assertThat(api.events("shop")).isEqualTo(20);
    }

    @Test
    void shouldRefuseBatchWithOneBadEventAndAppendNothing() {
        String bad = "{\"specversion\":\"1.0\",\"id\":\"e2\",\"source\":\"/test\"}";
        Api.Answer answer =
                api.post("/channels/shop/events", Api.BATCH, "[" + Api.order("e1", "u1", "o1", 1.0) + "," + bad + "]");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("pointer").asString()).startsWith("/1");
        assertThat(answer.json().get("detail").asString()).contains("type");
        assertThat(api.events("shop")).isZero();
    }

    @Test
    void shouldAnswerProblemsForBadInputAndChangeNothing() {
        Api.Answer malformed = api.post("/channels/shop/events", Api.STRUCTURED, "{\"specversion\":\"1.0\",");
        Api.Answer missing =
                api.post("/channels/shop/events", Api.STRUCTURED, "{\"specversion\":\"1.0\",\"id\":\"x\"}");
        Api.Answer unknown = api.post("/channels/nope/events", Api.STRUCTURED, Api.order("e1", "u1", "o1", 1.0));
        Api.Answer mediaType = api.post("/channels/shop/events", "text/plain", Api.order("e1", "u1", "o1", 1.0));
        Api.Answer tooLarge = api.post(
                "/channels/shop/events",
                Api.STRUCTURED,
                Api.event("big", "t", "u", "\"" + "x".repeat(11 << 20) + "\""));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asString()).contains("malformed JSON");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("detail").asString()).contains("source");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).contains("'nope'").contains("shop");
        assertThat(mediaType.status()).isEqualTo(415);
        assertThat(mediaType.json().get("detail").asString()).contains("application/cloudevents+json");
        assertThat(tooLarge.status()).isEqualTo(413);
        for (Api.Answer answer : List.of(malformed, missing, unknown, mediaType, tooLarge)) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.events("shop")).isZero();
    }

    @Test
    void shouldRouteOrdersAndKeepRevenuePerUserInTable() {
        api.post(
                "/channels/shop/events",
                Api.BATCH,
                "["
                        + String.join(
                                ",",
                                Api.order("e1", "u1", "o1", 10.5),
                                Api.order("e2", "u1", "o2", 20.25),
                                Api.order("e3", "u2", "o3", 7.0),
                                Api.event(
                                        "e4",
                                        "shop.page.view",
                                        "u1",
                                        "{\"user\":\"u1\",\"item\":\"sku-1\",\"price\":3.0,\"qty\":1}"))
                        + "]");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode row = api.get("/tables/revenue/u1").json();
            assertThat(row.path("value").path("orders").asLong()).isEqualTo(2);
        });
        JsonNode u1 = api.get("/tables/revenue/u1").json().get("value");
        assertThat(u1.get("revenue").asDouble()).isEqualTo(30.75);
        assertThat(u1.get("last_order").asString()).isEqualTo("o2");
        assertThat(api.events("orders")).isEqualTo(3);
        JsonNode table = api.get("/tables/revenue").json();
        assertThat(table.get("rows")).extracting(r -> r.get("key").asString()).contains("u1", "u2");
        assertThat(api.get("/tables/revenue/nobody").status()).isEqualTo(404);
        assertThat(api.get("/tables/nope").status()).isEqualTo(404);
    }

    @Test
    void shouldPostBigOrdersToWebhook() {
        api.post("/channels/shop/events", Api.STRUCTURED, Api.order("big-1", "u9", "o9", 750.0));
        api.post("/channels/shop/events", Api.STRUCTURED, Api.order("small-1", "u9", "o10", 50.0));

        await().atMost(Duration.ofSeconds(20)).until(() -> calls("/big-orders").size() == 1);
        WebhookReceiver.Call call = calls("/big-orders").getFirst();
        assertThat(call.body()).contains("\"id\":\"big-1\"").contains("750");
        assertThat(call.headers().get("Idempotency-key")).containsExactly("big-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("big-orders") == 2);
        assertThat(calls("/big-orders")).hasSize(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> calls("/slack").size() == 1);
        WebhookReceiver.Call slack = calls("/slack").getFirst();
        assertThat(slack.body()).isEqualTo("{\"text\": \"Order o9 over 500: 750 (customer u9)\"}\n");
        assertThat(slack.headers().get("Content-type")).containsExactly("application/json");
        assertThat(slack.headers().get("Webhook-id")).containsExactly("big-1");
    }

    @Test
    void shouldDeadLetterWhatTheWebhookKeepsRefusing() {
        receiver.answer(503);

        api.post("/channels/shop/events", Api.STRUCTURED, Api.order("big-2", "u8", "o8", 900.0));

        // big-orders and slack-big-orders both give up on it, after 3 attempts each
        await().atMost(Duration.ofSeconds(30)).until(() -> api.events("flows.dead-letter") == 2);
        assertThat(calls("/big-orders")).hasSize(3);
        JsonNode dead = null;
        for (JsonNode record :
                api.get("/channels/flows.dead-letter/events?from=0").json().get("events")) {
            if (record.get("event").get("deadletterflow").asString().equals("big-orders")) {
                dead = record.get("event");
            }
        }
        assertThat(dead).isNotNull();
        assertThat(dead.get("id").asString()).isEqualTo("big-2");
        assertThat(dead.get("deadletterflow").asString()).isEqualTo("big-orders");
        assertThat(dead.get("deadletterreason").asString()).contains("503");
    }

    @Test
    void shouldReadEventsFromAnOffset() {
        for (int i = 0; i < 5; i++) {
            api.post("/channels/carts/events", Api.STRUCTURED, Api.event("c" + i, "t", "same-user", "{}"));
        }

        JsonNode page = api.get("/channels/carts/events?from=2&limit=2").json();

        assertThat(page.get("events")).extracting(e -> e.get("offset").asLong()).containsExactly(2L, 3L);
        assertThat(page.get("events").get(0).get("event").get("id").asString()).isEqualTo("c2");
        assertThat(page.get("next").get("0").asLong()).isEqualTo(4);
        assertThat(api.get("/channels/carts/events?limit=abc").status()).isEqualTo(400);
        Api.Answer badStart = api.get("/channels/carts/events?from=yesterday");
        assertThat(badStart.status()).isEqualTo(400);
        assertThat(badStart.json().get("detail").asString())
                .contains("earliest")
                .contains("2026-01-01T00:00:00Z");
    }

    @Test
    void shouldReplayFromATime() {
        String before = java.time.Instant.now().minusSeconds(60).toString();
        for (int i = 0; i < 3; i++) {
            api.post("/channels/carts/events", Api.STRUCTURED, Api.event("t" + i, "t", "same-user", "{}"));
        }
        String after = java.time.Instant.now().plusSeconds(60).toString();

        assertThat(api.get("/channels/carts/events?from=" + before).json().get("events"))
                .hasSize(3);
        JsonNode none = api.get("/channels/carts/events?from=" + after).json();
        assertThat(none.get("events")).isEmpty();
        assertThat(none.get("next").get("0").asLong()).isEqualTo(3);
    }

    @Test
    void shouldStreamNewEventsOverServerSentEvents() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.uri("/channels/orders/stream"))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<InputStream> response = api.http()
                .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);

        api.post("/channels/shop/events", Api.STRUCTURED, Api.order("s1", "u5", "o5", 12.0));

        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String data = null;
            for (int i = 0; i < 50 && data == null; i++) {
                String line = lines.readLine();
                if (line != null && line.startsWith("data:")) {
                    data = line.substring(5).trim();
                }
            }
            assertThat(data).isNotNull();
            JsonNode view = api.json().readTree(data);
            assertThat(view.get("event").get("id").asString()).isEqualTo("s1");
            assertThat(view.get("offset").asLong()).isZero();
        }
    }

    @Test
    void shouldKeepChannelsAndTablesAcrossRestartAndNotCountTwice() {
        api.post(
                "/channels/shop/events",
                Api.BATCH,
                "[" + Api.order("e1", "u1", "o1", 5.0) + "," + Api.order("e2", "u1", "o2", 5.0) + "]");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/tables/revenue/u1")
                                .json()
                                .path("value")
                                .path("orders")
                                .asLong()
                        == 2);

        server.close();
        startServer();

        assertThat(api.events("shop")).isEqualTo(2);
        assertThat(api.events("orders")).isEqualTo(2);
        api.post("/channels/shop/events", Api.STRUCTURED, Api.order("e3", "u1", "o3", 5.0));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/tables/revenue/u1")
                                .json()
                                .path("value")
                                .path("orders")
                                .asLong()
                        == 3);
        assertThat(api.get("/tables/revenue/u1")
                        .json()
                        .get("value")
                        .get("revenue")
                        .asDouble())
                .isEqualTo(15.0);
        assertThat(api.events("orders")).isEqualTo(3);
    }

    private long processed(String flow) {
        for (JsonNode status : api.get("/flows").json().get("flows")) {
            if (status.get("name").asString().equals(flow)) {
                return status.get("processed").asLong();
            }
        }
        throw new AssertionError("no flow " + flow + " in GET /flows");
    }

    @Test
    void shouldAnswerUnknownRoutesWithProblem() {
        Api.Answer answer = api.get("/nothing-here");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private List<WebhookReceiver.Call> calls(String path) {
        return receiver.calls().stream()
                .filter(call -> call.path().equals(path))
                .toList();
    }
}
