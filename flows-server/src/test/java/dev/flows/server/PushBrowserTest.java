package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.server.auth.ApiToken;
import dev.flows.server.auth.ApiTokens;
import dev.flows.server.auth.PushSecret;
import dev.flows.server.auth.Scope;
import dev.flows.server.auth.TokenFile;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Push notifications in real headless Chromium: a page of another site subscribes with the browser's own
 * {@code EventSource} and a signature its backend made, gets its user's and the broadcast notifications, and,
 * when the server restarts, reconnects by itself and resumes with {@code Last-Event-ID}: what was pushed while
 * it was away arrives, nothing arrives twice.
 */
class PushBrowserTest {

    private static final String BACKEND_TOKEN = "backend-secret-0123456789";
    private static final PushSecret SECRET = PushSecret.of("push-secret-for-the-browser-test-0123");

    @TempDir
    Path temp;

    PageServer site;
    ServerConfig config;
    FlowsServer server;
    Api api;
    ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        site = new PageServer();
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), "channels:\n  - notifications\n");
        ApiTokens tokens = new ApiTokens(List.of(new ApiToken(
                "backend", TokenFile.digest(BACKEND_TOKEN), List.of(Scope.parse("produce:notifications")))));
        config = ServerConfig.of(flows, temp.resolve("data"))
                .withPort(0)
                .withTokens(tokens)
                .withPushSecret(SECRET);
        server = FlowsServer.start(config);
        config = config.withPort(server.port()); // a restart comes back where the page's EventSource looks
        api = new Api(server.port());
        browser = Chromium.start(temp.resolve("chromium"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        site.close();
    }

    @Test
    void shouldReceiveTheUsersNotificationsAndResumeByItselfAfterTheServerRestarts() throws Exception {
        long expires = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        String url = api.uri("/push/notifications/events?user=u1&expires=" + expires + "&signature="
                        + SECRET.sign("notifications", "u1", expires))
                .toString();
        site.serve("""
                <!doctype html><title>notifications</title>
                <script>
                  window.received = [];
                  window.opens = 0;
                  const source = new EventSource("%s");
                  source.onopen = () => window.opens++;
                  source.onmessage = (e) => window.received.push({id: e.lastEventId, event: JSON.parse(e.data).id});
                </script>
                """.formatted(url));
        browser.get(site.origin() + "/");
        within().until(() -> opens() == 1);

        post(Notes.note("n1", "u1"), Notes.note("n2", "u2"), Notes.note("n3", null));
        within().until(() -> received().size() == 2);
        assertThat(received()).containsExactly("n1", "n3");

        block(List.of("*/push/*")); // the page stays away until these are posted
        server.close();
        server = FlowsServer.start(config);
        post(Notes.note("n4", "u1"), Notes.note("n5", "u2"), Notes.note("n6", "u1"));
        // Pushed while the page was away: only a resume from Last-Event-ID, which EventSource sends by itself
        // when it reconnects, not a fresh subscription (new notifications only), can deliver them.
        block(List.of());

        within().until(() -> received().size() >= 4);
        assertThat(opens()).isEqualTo(2);
        post(Notes.note("n7", null));
        within().until(() -> received().size() >= 5);
        assertThat(received()).containsExactly("n1", "n3", "n4", "n6", "n7");
        assertThat(lastEventId()).isEqualTo("0-6");
    }

    private void post(String... notes) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.uri("/channels/notifications/events"))
                .header("Content-Type", Api.BATCH)
                .header("Authorization", "Bearer " + BACKEND_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(Notes.batch(List.of(notes))))
                .build();
        HttpResponse<String> response = api.http().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private List<String> received() {
        return (List<String>) browser.executeScript("return window.received.map(r => r.event)");
    }

    private String lastEventId() {
        return (String) browser.executeScript("return window.received[window.received.length - 1].id");
    }

    private long opens() {
        return (Long) browser.executeScript("return window.opens");
    }

    private void block(List<String> urls) {
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", urls));
    }

    private static ConditionFactory within() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
    }
}
