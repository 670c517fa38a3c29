package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.flows.testkit.VirtualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Workflows end to end through a real {@link FlowsServer} over HTTP, on virtual time, with a real local HTTP
 * receiver for the http steps: start by an event, timers, signals, a failing call compensated, cancellation,
 * histories, and the problem documents of wrong requests.
 */
class WorkflowHttpTest {

    @TempDir
    Path temp;

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private FlowsServer server;
    private Api api;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            received.add(exchange.getRequestMethod() + " " + path + " "
                    + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            int status = path.startsWith("/invoices/fail")
                    ? 503
                    : exchange.getRequestMethod().equals("DELETE") ? 204 : 201;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("orders.yaml"), """
                channels: [shop, fulfilment]
                ---
                workflow: orders
                from: shop
                key: data.order
                start: { on: shop.order.placed }
                initial: placed
                states:
                  placed:
                    on:
                      - event: shop.payment.succeeded
                        goto: paid
                      - signal: cancel-order
                        when: data.by == "support"
                        goto: cancelled
                    after: { 15m: reminded }
                  reminded:
                    entry:
                      - emit: { channel: fulfilment, type: shop.order.reminded, set: { data.order: instance.key } }
                    on: [{ event: shop.payment.succeeded, goto: paid }]
                    after: { 45m: cancelled }
                  paid:
                    entry:
                      - http: { url: "http://127.0.0.1:PORT/reservations/{{subject}}", method: POST, allow-private: true }
                        compensate:
                          - http: { url: "http://127.0.0.1:PORT/reservations/{{subject}}", method: DELETE, allow-private: true }
                      - http:
                          url: "http://127.0.0.1:PORT/invoices/{{subject}}"
                          body: '{"order": "{{subject}}"}'
                          retry: { attempts: 2, backoff: 10ms, max-backoff: 10ms }
                          allow-private: true
                    terminal: true
                  cancelled: { terminal: true }
                on-failure: cancelled
                """.replace(
                        "PORT", Integer.toString(receiver.getAddress().getPort())));
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0), clock);
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        receiver.stop(0);
    }

    private void post(String id, String type, String order) {
        assertThat(api.post(
                                "/channels/shop/events",
                                Api.STRUCTURED,
                                Api.event(id, type, "u1", "{\"order\": \"" + order + "\"}"))
                        .status())
                .isEqualTo(200);
    }

    private JsonNode awaitInstance(String key, String field, String value) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Api.Answer answer = api.get("/workflows/orders/" + key);
            return answer.status() == 200 && answer.json().get(field).asString().equals(value);
        });
        return api.get("/workflows/orders/" + key).json();
    }

    private List<String> historyTypes(String key) {
        return api.get("/workflows/orders/" + key + "/history")
                .json()
                .get("history")
                .valueStream()
                .map(record -> record.get("type").asString().substring("flows.workflow.".length()))
                .toList();
    }

    @Test
    void shouldStartAnInstanceAndShowItsStateTimersAndDefinition() {
        post("e1", "shop.order.placed", "o1");

        JsonNode instance = awaitInstance("o1", "state", "placed");
        assertThat(instance.get("status").asString()).isEqualTo("running");
        assertThat(instance.get("timers").get(0).get("due").asString()).isEqualTo("2026-01-01T10:15:00Z");
        assertThat(api.get("/workflows")
                        .json()
                        .get("workflows")
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("orders");
        JsonNode list = api.get("/workflows/orders?state=placed&limit=10").json();
        assertThat(list.get("instances").get(0).get("key").asString()).isEqualTo("o1");
        assertThat(historyTypes("o1")).containsExactly("started", "state-entered", "timer-scheduled");
    }

    @Test
    void shouldMoveOnATimerAndOnASignalWhoseConditionHolds() {
        post("e1", "shop.order.placed", "o1");
        awaitInstance("o1", "state", "placed");
        clock.advance(Duration.ofMinutes(15).minusMillis(1));
        post("e2", "shop.order.placed", "o2"); // placed 15 minutes after o1, less a millisecond
        awaitInstance("o2", "state", "placed");
        assertThat(api.get("/workflows/orders/o1").json().get("state").asString())
                .isEqualTo("placed");

        clock.advance(Duration.ofMillis(1));
        awaitInstance("o1", "state", "reminded");

        Api.Answer ignored = api.post(
                "/workflows/orders/o2/signal",
                "application/json",
                "{\"type\": \"cancel-order\", \"data\": {\"by\": \"robot\"}}");
        assertThat(ignored.status()).isEqualTo(202);
        Api.Answer signal = api.post(
                "/workflows/orders/o2/signal",
                "application/json",
                "{\"type\": \"cancel-order\", \"data\": {\"by\": \"support\"}}");
        assertThat(signal.status()).isEqualTo(202);
        JsonNode cancelled = awaitInstance("o2", "state", "cancelled");
        assertThat(cancelled.get("status").asString()).isEqualTo("completed");
        assertThat(historyTypes("o2")).filteredOn("signal-received"::equals).hasSize(2);
    }

    @Test
    void shouldCompensateTheReservationWhenTheInvoiceCallKeepsFailing() {
        post("e1", "shop.order.placed", "fail-1");
        awaitInstance("fail-1", "state", "placed");
        post("e2", "shop.payment.succeeded", "fail-1");

        JsonNode failed = awaitInstance("fail-1", "status", "failed");
        assertThat(failed.get("state").asString()).isEqualTo("cancelled");
        assertThat(failed.get("failure").asString()).contains("503");
        assertThat(received)
                .containsExactly(
                        "POST /reservations/fail-1 orders/fail-1/2.0",
                        "POST /invoices/fail-1 orders/fail-1/2.1",
                        "POST /invoices/fail-1 orders/fail-1/2.1",
                        "DELETE /reservations/fail-1 orders/fail-1/2.0/c0");
        assertThat(historyTypes("fail-1"))
                .containsSubsequence(
                        "action-started",
                        "action-completed",
                        "action-started",
                        "action-failed",
                        "compensating",
                        "action-started",
                        "action-completed",
                        "compensated",
                        "state-entered",
                        "failed");
    }

    @Test
    void shouldCompleteWhenEveryCallSucceeds() {
        post("e1", "shop.order.placed", "o1");
        awaitInstance("o1", "state", "placed");
        post("e2", "shop.payment.succeeded", "o1");

        JsonNode paid = awaitInstance("o1", "status", "completed");
        assertThat(paid.get("state").asString()).isEqualTo("paid");
        assertThat(received).containsExactly("POST /reservations/o1 orders/o1/2.0", "POST /invoices/o1 orders/o1/2.1");
    }

    @Test
    void shouldCancelOnceAndRefuseWhatCannotBeDone() {
        post("e1", "shop.order.placed", "o1");
        awaitInstance("o1", "state", "placed");

        assertThat(api.post("/workflows/orders/o1/cancel", "application/json", "{\"reason\": \"duplicate\"}")
                        .status())
                .isEqualTo(202);
        awaitInstance("o1", "status", "cancelled");
        Api.Answer again = api.post("/workflows/orders/o1/cancel", "application/json", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("detail").asString()).contains("has ended (cancelled");

        assertThat(api.get("/workflows/nope").status()).isEqualTo(404);
        assertThat(api.get("/workflows/orders/nobody").json().get("detail").asString())
                .contains("has no instance 'nobody'");
        assertThat(api.get("/workflows/orders/nobody/history").status()).isEqualTo(404);
        assertThat(api.post("/workflows/orders/nobody/signal", "application/json", "{\"type\": \"x\"}")
                        .status())
                .isEqualTo(404);
        Api.Answer bad = api.post("/workflows/orders/o1/signal", "application/json", "{\"type\": ");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).startsWith("the body is not JSON");
        assertThat(api.post("/workflows/orders/o1/signal", "application/json", "{\"data\": 1}")
                        .status())
                .isEqualTo(400);
    }
}
