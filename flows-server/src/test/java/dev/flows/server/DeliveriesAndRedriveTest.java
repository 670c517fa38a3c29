package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Delivery attempts over HTTP and redrive, end to end: a real server, a flow with a webhook to a real receiver
 * on loopback (allowed by the flow file), attempts read back from {@code GET /deliveries}, a given-up event
 * redriven once the receiver is back, and nothing redriven twice.
 */
class DeliveriesAndRedriveTest {

    @TempDir
    Path temp;

    private WebhookReceiver receiver;
    private FlowsServer server;
    private Api api;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("notify.yaml"), """
                channels:
                  - orders
                ---
                flow: notify
                from: orders
                to:
                  - webhook:
                      url: %s
                      name: order-hook
                      allow-private: true
                      retry: { attempts: 2, backoff: 10ms, max-backoff: 20ms }
                      body: '{"order": {{data.order}}, "amount": {{data.amount}}}'
                """.formatted(receiver.url("/orders")));
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        receiver.close();
    }

    @Test
    void shouldShowAttemptsOfAFailingThenSucceedingDeliveryNewestFirst() {
        receiver.answerFirst(503);

        post("o-1", 42.5);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> deliveries("?flow=notify").size() == 2);
        List<JsonNode> attempts = deliveries("?flow=notify");
        assertThat(attempts.get(0).get("status").asString()).isEqualTo("delivered");
        assertThat(attempts.get(0).get("attempt").asLong()).isEqualTo(2);
        assertThat(attempts.get(0).get("responseCode").asLong()).isEqualTo(200);
        assertThat(attempts.get(0).get("error").isNull()).isTrue();
        assertThat(attempts.get(1).get("status").asString()).isEqualTo("retrying");
        assertThat(attempts.get(1).get("responseCode").asLong()).isEqualTo(503);
        assertThat(attempts.get(1).get("error").asString()).contains("answered 503 Service Unavailable");
        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.get("flow").asString()).isEqualTo("notify");
            assertThat(attempt.get("destination").asString()).isEqualTo("order-hook");
            assertThat(attempt.get("event").asString()).isEqualTo("o-1");
            assertThat(attempt.get("durationMs").asLong()).isNotNegative();
        });
        assertThat(deliveries("?flow=notify&status=delivered&limit=5")).hasSize(1);
        assertThat(deliveries("?flow=other")).isEmpty();
        assertThat(receiver.calls().getLast().body()).isEqualTo("{\"order\": \"o-1\", \"amount\": 42.5}");
    }

    @Test
    void shouldRedriveGivenUpEventOnceTheReceiverIsBackAndNeverTwice() {
        receiver.answer(500);
        post("o-2", 10.0);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.events("flows.dead-letter") == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> deliveries("?status=gave-up").size() == 1);
        assertThat(receiver.calls()).hasSize(2);

        receiver.answer(200);
        Api.Answer first = api.post("/flows/notify/redrive", "application/json", "");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("redriven").asLong()).isEqualTo(1);
        assertThat(first.json().get("delivered").asLong()).isEqualTo(1);
        assertThat(first.json().get("gaveUp").asLong()).isZero();
        assertThat(receiver.calls()).hasSize(3);
        assertThat(receiver.calls().getLast().headers().get("Webhook-id")).containsExactly("o-2");
        assertThat(receiver.calls().getLast().body()).isEqualTo("{\"order\": \"o-2\", \"amount\": 10.0}");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> deliveries("?flow=notify&status=delivered").size() == 1);

        Api.Answer second = api.post("/flows/notify/redrive", "application/json", "");

        assertThat(second.json().get("redriven").asLong()).isZero();
        assertThat(receiver.calls()).hasSize(3);
    }

    @Test
    void shouldDeadLetterAgainWhatStillFailsAndRedriveItNextTime() {
        receiver.answer(500);
        post("o-3", 1.0);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.events("flows.dead-letter") == 1);

        Api.Answer again = api.post("/flows/notify/redrive", "application/json", "");

        assertThat(again.json().get("gaveUp").asLong()).isEqualTo(1);
        assertThat(api.events("flows.dead-letter")).isEqualTo(2);
        receiver.answer(200);
        Api.Answer last = api.post("/flows/notify/redrive", "application/json", "");
        assertThat(last.json().get("redriven").asLong()).isEqualTo(1);
        assertThat(last.json().get("delivered").asLong()).isEqualTo(1);
    }

    @Test
    void shouldAnswerProblemsForUnknownFlowAndBadStatus() {
        Api.Answer unknown = api.post("/flows/nope/redrive", "application/json", "");
        Api.Answer badStatus = api.get("/deliveries?status=failed");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).contains("there is no flow 'nope'");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("detail").asString())
                .isEqualTo("query parameter 'status' is 'failed'; use one of delivered, retrying, gave-up, or leave"
                        + " it out for all");
    }

    @Test
    void shouldRefusePostingToTheDeliveriesChannel() {
        Api.Answer answer =
                api.post("/channels/flows.deliveries/events", Api.STRUCTURED, Api.event("x", "t", "s", "{}"));

        assertThat(answer.status()).isGreaterThanOrEqualTo(400);
    }

    private void post(String id, double amount) {
        Api.Answer answer = api.post(
                "/channels/orders/events",
                Api.STRUCTURED,
                Api.event(id, "shop.order.placed", "u1", "{\"order\":\"" + id + "\",\"amount\":" + amount + "}"));
        assertThat(answer.status()).isEqualTo(200);
    }

    private List<JsonNode> deliveries(String query) {
        Api.Answer answer = api.get("/deliveries" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        answer.json().get("deliveries").forEach(list::add);
        return list;
    }
}
