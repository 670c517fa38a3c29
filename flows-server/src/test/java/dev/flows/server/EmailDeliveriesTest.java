package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * Email destinations end to end: a real server, a flow file with an email destination, and GreenMail as the
 * SMTP server on a loopback port, started (and stopped) by the test: one mail per event as the templates say,
 * retries while the mail server is down, header injection refused and dead-lettered, attempts in {@code GET
 * /deliveries}, and a given-up mail redriven once the server is back, exactly once.
 */
class EmailDeliveriesTest {

    @TempDir
    Path temp;

    private int smtpPort;
    private GreenMail mail;
    private FlowsServer server;
    private Api api;

    @BeforeEach
    void pickPort() throws Exception {
        smtpPort = freePort();
    }

    /** Starts Flows with the email flow, retrying {@code attempts} times 100-300 ms apart. */
    private void startFlows(int attempts) throws IOException {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("order-mails.yaml"), """
                channels:
                  - orders
                ---
                flow: order-mails
                from: orders
                to:
                  - email:
                      name: order-mails
                      smtp: { host: 127.0.0.1, port: %d, tls: none, connect-timeout: 1s, timeout: 5s }
                      from: "Shop <shop@example.com>"
                      to: "{{data.email}}"
                      subject: "{{data.subject | \\"Order confirmed\\"}}"
                      text: |
                        Hello {{data.name | "there"}}, order {{data.order}} is confirmed.
                      html: "<p>Hello {{data.name}}, order <b>{{data.order}}</b></p>"
                      retry: { attempts: %s, backoff: 100ms, max-backoff: 300ms }
                """.formatted(smtpPort, attempts));
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void shouldSendOneMailPerEventAsTheTemplatesSay() throws Exception {
        startFlows(3);
        startMail();

        post(
                "o-1",
                "{\"order\":\"A-17\",\"email\":\"ana@example.com\",\"name\":\"Ana <3\","
                        + "\"subject\":\"Bestellung A-17 bestätigt ✓\"}");
        post("o-2", "{\"order\":\"A-18\",\"email\":\"Bo <bo@example.com>\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> mail.getReceivedMessages().length == 2);
        MimeMessage first = mail.getReceivedMessages()[0];
        assertThat(first.getSubject()).isEqualTo("Bestellung A-17 bestätigt ✓");
        assertThat(first.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("ana@example.com");
        assertThat(first.getHeader("X-Flows-Event-Id")).containsExactly("o-1");
        MimeMultipart parts = (MimeMultipart) first.getContent();
        // SMTP carries lines ending in CRLF; the template's block scalar ended with one line break.
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hello Ana <3, order A-17 is confirmed.\r\n");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Hello Ana &lt;3, order <b>A-17</b></p>");
        MimeMessage second = mail.getReceivedMessages()[1];
        assertThat(second.getSubject()).isEqualTo("Order confirmed");
        assertThat(second.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("Bo <bo@example.com>");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> deliveries("?flow=order-mails").size() == 2);
        assertThat(deliveries("?flow=order-mails")).allSatisfy(attempt -> {
            assertThat(attempt.get("destination").asString()).isEqualTo("order-mails");
            assertThat(attempt.get("status").asString()).isEqualTo("delivered");
            assertThat(attempt.get("responseCode").asLong()).isEqualTo(250);
        });
    }

    @Test
    void shouldRetryWhileTheMailServerIsDownAndSendOnceItIsUp() throws Exception {
        startFlows(100);
        post("o-3", "{\"order\":\"A-19\",\"email\":\"ana@example.com\"}");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !deliveries("?flow=order-mails&status=retrying").isEmpty());

        startMail();

        await().atMost(Duration.ofSeconds(20)).until(() -> mail.getReceivedMessages().length == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> deliveries("?status=delivered").size() == 1);
        assertThat(api.events("flows.dead-letter")).isZero();
        assertThat(deliveries("?status=retrying").getLast().get("error").asString())
                .isEqualTo("smtp://127.0.0.1:" + smtpPort + " failed 1 time: connection refused; is the SMTP server"
                        + " running and reachable at that address?");
        assertThat(mail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void shouldRefuseHeaderInjectionSendNothingAndDeadLetterNamingTheField() throws Exception {
        startFlows(3);
        startMail();

        post("o-4", "{\"order\":\"A-20\",\"email\":\"ana@example.com\",\"subject\":\"Hi\\r\\nBcc: all@example.com\"}");
        post("o-5", "{\"order\":\"A-21\",\"email\":\"ana@example.com\\r\\nBcc: all@example.com\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> api.events("flows.dead-letter") == 2);
        assertThat(mail.getReceivedMessages()).isEmpty();
        List<JsonNode> dead = deadLetters();
        assertThat(dead.get(0).get("deadletterreason").asString())
                .contains("subject rendered 'Hi\\r\\nBcc: all@example.com'")
                .contains("refused as header injection, nothing was sent");
        assertThat(dead.get(1).get("deadletterreason").asString()).contains("to rendered 'ana@example.com\\r\\nBcc:");
        assertThat(dead).allSatisfy(event -> {
            assertThat(event.get("deadletterdest").asString()).isEqualTo("order-mails");
            assertThat(event.get("deadletterflow").asString()).isEqualTo("order-mails");
        });
        await().atMost(Duration.ofSeconds(20))
                .until(() -> deliveries("?status=gave-up").size() == 2);
        assertThat(deliveries("?status=gave-up")).allSatisfy(attempt -> {
            assertThat(attempt.get("attempt").asLong()).isEqualTo(1);
            assertThat(attempt.get("responseCode").isNull()).isTrue();
        });
    }

    @Test
    void shouldRedriveAGivenUpMailOnceTheServerIsBackAndNeverTwice() throws Exception {
        startFlows(3);
        post("o-6", "{\"order\":\"A-22\",\"email\":\"ana@example.com\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.events("flows.dead-letter") == 1);
        assertThat(deadLetters().getFirst().get("deadletterreason").asString())
                .startsWith("smtp://127.0.0.1:" + smtpPort + " failed 3 times: connection refused");

        startMail();
        Api.Answer first = api.post("/flows/order-mails/redrive", "application/json", "");
        Api.Answer second = api.post("/flows/order-mails/redrive", "application/json", "");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("redriven").asLong()).isEqualTo(1);
        assertThat(first.json().get("delivered").asLong()).isEqualTo(1);
        assertThat(second.json().get("redriven").asLong()).isZero();
        assertThat(mail.getReceivedMessages()).hasSize(1);
        MimeMessage redriven = mail.getReceivedMessages()[0];
        assertThat(redriven.getHeader("X-Flows-Event-Id")).containsExactly("o-6");
        assertThat(redriven.getHeader("deadletterreason")).isNull();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> deliveries("?status=delivered").size() == 1);
    }

    private void startMail() {
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void post(String id, String data) {
        Api.Answer answer =
                api.post("/channels/orders/events", Api.STRUCTURED, Api.event(id, "shop.order.placed", "u1", data));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private List<JsonNode> deliveries(String query) {
        Api.Answer answer = api.get("/deliveries" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        answer.json().get("deliveries").forEach(list::add);
        return list;
    }

    private List<JsonNode> deadLetters() {
        Api.Answer answer = api.get("/channels/flows.dead-letter/events?from=0");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        answer.json().get("events").forEach(record -> list.add(record.get("event")));
        list.sort(java.util.Comparator.comparing(event -> event.get("id").asString()));
        return list;
    }
}
