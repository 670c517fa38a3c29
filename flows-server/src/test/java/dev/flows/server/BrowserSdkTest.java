package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import tools.jackson.databind.JsonNode;

/**
 * The browser script ({@code /sdk/flows.js}) and the demo page in real headless Chromium against a real server:
 * what a visitor does arrives in the channel exactly once, from the allowed origins only, after the network
 * comes back, and across a reload. The script sends within a second or two; every wait is on a condition.
 */
class BrowserSdkTest {

    private static final String CHANNEL = "web";

    @TempDir
    Path temp;

    PageServer allowedSite;
    PageServer otherSite;
    FlowsServer server;
    Api api;
    ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        allowedSite = new PageServer();
        otherSite = new PageServer();
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), """
                channels:
                  - name: web
                    browser:
                      origins: [%s]
                """.formatted(allowedSite.origin()));
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
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
        allowedSite.close();
        otherSite.close();
    }

    @Test
    void shouldStoreExactlyThePageViewClicksSubmissionAndCustomEventOfTheDemoPage() {
        browser.get(flows("/demo?channel=web"));
        browser.findElement(By.cssSelector("[data-product=mug]")).click();
        browser.findElement(By.cssSelector("[data-product=tee]")).click();
        browser.findElement(By.name("email")).sendKeys("ada@example.com");
        browser.findElement(By.name("password")).sendKeys("hunter2-not-sent");
        browser.findElement(By.name("phone")).sendKeys("555-0199-not-sent");
        browser.findElement(By.cssSelector("#signup button[type=submit]")).click();
        browser.findElement(By.id("coupon")).click();

        List<JsonNode> events = awaitAllSent(5);

        assertThat(events)
                .extracting(event -> event.get("type").asString())
                .containsExactly(
                        "browser.page.viewed",
                        "browser.element.clicked",
                        "browser.element.clicked",
                        "browser.form.submitted",
                        "demo.coupon.applied");
        String user = (String) browser.executeScript("return localStorage.getItem('flows.uid')");
        String session =
                (String) browser.executeScript("return JSON.parse(sessionStorage.getItem('flows.session')).id");
        for (JsonNode event : events) {
            assertThat(event.get("subject").asString()).isEqualTo(user);
            assertThat(event.get("data").get("session").asString()).isEqualTo(session);
            assertThat(event.get("source").asString()).isEqualTo(flows("/demo"));
            assertThat(event.get("browserorigin").asString()).isEqualTo(flows(""));
        }
        assertThat(events.stream().map(event -> event.get("id").asString()).distinct())
                .hasSize(5);

        JsonNode view = events.get(0).get("data");
        assertThat(view.get("url").asString()).isEqualTo(flows("/demo?channel=web"));
        assertThat(view.get("path").asString()).isEqualTo("/demo");
        assertThat(view.get("title").asString()).isEqualTo("Flows demo shop");

        JsonNode mug = events.get(1).get("data");
        assertThat(mug.get("tag").asString()).isEqualTo("button");
        assertThat(mug.get("attributes").get("product").asString()).isEqualTo("mug");
        assertThat(mug.get("attributes").get("price").asString()).isEqualTo("12.50");
        assertThat(mug.get("text").asString()).isEqualTo("Add mug, €12.50");
        assertThat(mug.get("selector").asString()).isEqualTo("section#products > button.buy");
        assertThat(events.get(2).get("data").get("attributes").get("product").asString())
                .isEqualTo("tee");

        JsonNode form = events.get(3).get("data");
        assertThat(form.get("id").asString()).isEqualTo("signup");
        assertThat(form.get("action").asString()).isEqualTo(flows("/demo/signup"));
        assertThat(form.get("fields").propertyNames()).containsExactly("email");
        assertThat(form.get("fields").get("email").asString()).isEqualTo("ada@example.com");
        assertThat(api.get("/channels/web/events?from=earliest&limit=100").body())
                .doesNotContain("not-sent")
                .doesNotContain("hunter2");

        assertThat(events.get(4).get("data").get("coupon").asString()).isEqualTo("SPRING");
        assertThat(events.get(4).get("data").get("percent").asInt()).isEqualTo(10);
    }

    @Test
    void shouldSendNoFieldThatIsOrLooksSecret() {
        allowedSite.serve("""
                <!doctype html><title>checkout</title>
                <script src="%s" data-channel="web"></script>
                <form id="checkout" onsubmit="event.preventDefault()">
                  <input name="email" value="ada@example.com">
                  <input name="classname" value="kept: no ssn in it">
                  <input name="order" value="1234567890123">
                  <input type="hidden" name="campaign" value="spring">
                  <input type="checkbox" name="topics" value="news" checked>
                  <input type="checkbox" name="topics" value="deals" checked>
                  <input type="checkbox" name="topics" value="spam">
                  <input name="cvc" value="secret-1">
                  <input name="user_ssn" value="secret-2">
                  <input name="userSsn" value="secret-3">
                  <input name="cardNumber" value="secret-4">
                  <input name="api_token" value="secret-5">
                  <input name="number" autocomplete="cc-number" value="secret-6">
                  <input name="code" autocomplete="one-time-code" value="secret-7">
                  <input name="notes" value="4111-1111-1111-1111">
                  <input type="password" name="choice" value="secret-8">
                  <div data-flows-sensitive><input name="address" value="secret-9"></div>
                  <input name="off" value="secret-10" disabled>
                  <input type="file" name="upload">
                  <button type="submit">Pay</button>
                </form>
                """.formatted(flows("/sdk/flows.js")));

        browser.get(allowedSite.origin() + "/");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        List<JsonNode> events = awaitAllSent(2);

        JsonNode fields = events.get(1).get("data").get("fields");
        assertThat(fields.propertyNames()).containsExactly("email", "classname", "order", "campaign", "topics");
        assertThat(fields.get("order").asString()).isEqualTo("1234567890123"); // digits, but no card number
        assertThat(fields.get("topics").values()).extracting(JsonNode::asString).containsExactly("news", "deals");
        assertThat(api.get("/channels/web/events?from=earliest&limit=100").body())
                .doesNotContain("secret-")
                .doesNotContain("4111");
    }

    @Test
    void shouldTakeEventsFromAnAllowedSiteAcrossOriginsAndNothingFromAnother() {
        allowedSite.serve(siteWithScript());
        otherSite.serve(siteWithScript());

        browser.get(allowedSite.origin() + "/");
        browser.findElement(By.cssSelector("[data-product=hat]")).click();
        List<JsonNode> allowed = awaitAllSent(2);

        // "sent" means the page could read the answer: the server allowed the origin for CORS.
        assertThat(outcomes()).contains("sent").doesNotContain("failed", "dropped");
        assertThat(allowed)
                .allSatisfy(event ->
                        assertThat(event.get("browserorigin").asString()).isEqualTo(allowedSite.origin()));

        browser.get(otherSite.origin() + "/");
        browser.findElement(By.cssSelector("[data-product=hat]")).click();
        within().until(() -> outcomes().contains("dropped 403") && pendingInPage() == 0);

        assertThat(outcomes()).doesNotContain("sent", "failed");
        assertThat(stored()).hasSize(2);
        assertThat((String) browser.executeScript("return window.refusal")).contains("may not post");
    }

    @Test
    void shouldSendWhatWasDoneOfflineOnceTheBrowserIsOnlineAgain() {
        browser.get(flows("/demo?channel=web"));
        awaitAllSent(1);
        recordOutcomes();

        browser.setNetworkConditions(new ChromiumNetworkConditions().setOffline(true));
        browser.findElement(By.cssSelector("[data-product=mug]")).click();
        browser.findElement(By.cssSelector("[data-product=cap]")).click();
        within().until(() -> outcomes().contains("failed"));
        assertThat(api.events(CHANNEL)).isEqualTo(1);
        assertThat(pendingInPage()).isEqualTo(2);

        browser.deleteNetworkConditions();
        List<JsonNode> events = awaitAllSent(3);

        assertThat(events)
                .extracting(event -> event.get("type").asString())
                .containsExactly("browser.page.viewed", "browser.element.clicked", "browser.element.clicked");
        assertThat(events.stream().map(event -> event.get("id").asString()).distinct())
                .hasSize(3);
    }

    @Test
    void shouldKeepUnsentEventsAcrossAReload() {
        // The page loads, but the route the script posts to fails as if the server were unreachable.
        browser.executeCdpCommand("Network.enable", Map.of());
        block(List.of("*/sdk/channels/*"));
        browser.get(flows("/demo?channel=web"));
        recordOutcomes();
        browser.findElement(By.cssSelector("[data-product=mug]")).click();
        within().until(() -> outcomes().contains("failed") && pendingInPage() == 2);

        browser.navigate().refresh();
        within().until(() -> pendingInPage() == 3); // the first page's two events and the new page view
        assertThat(api.events(CHANNEL)).isZero();

        block(List.of());
        List<JsonNode> events = awaitAllSent(3);

        assertThat(events)
                .extracting(event -> event.get("type").asString())
                .containsExactly("browser.page.viewed", "browser.element.clicked", "browser.page.viewed");
    }

    @Test
    void shouldRecordASwipeFromTouchEvents() {
        browser.get(flows("/demo?channel=web"));
        // Real touch input through the DevTools protocol (Input.dispatchTouchEvent), not synthetic DOM events.
        touch("touchStart", 600, 300);
        touch("touchMove", 500, 310);
        touch("touchMove", 400, 320);
        touch("touchEnd", -1, -1);

        List<JsonNode> events = awaitAllSent(2);

        JsonNode swipe = events.get(1);
        assertThat(swipe.get("type").asString()).isEqualTo("browser.gesture.swiped");
        assertThat(swipe.get("data").get("direction").asString()).isEqualTo("left");
        assertThat(swipe.get("data").get("distance").asInt()).isEqualTo(201);
    }

    @Test
    void shouldRefuseACustomEventWithoutAValidTypeOrObjectData() {
        browser.get(flows("/demo?channel=web"));

        assertThat(tryTrack("'has spaces', {}"))
                .contains("is not an event type")
                .contains("shop.coupon.applied");
        assertThat(tryTrack("'', {}")).contains("is not an event type");
        assertThat(tryTrack("'demo.ok', [1, 2]")).contains("data must be an object");
        assertThat(tryTrack("'demo.ok', {n: 1}")).isEqualTo("recorded");

        List<JsonNode> events = awaitAllSent(2);
        assertThat(events.get(1).get("type").asString()).isEqualTo("demo.ok");
    }

    private String flows(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** A page of another site that includes the script from the Flows server and notes what it reports. */
    private String siteWithScript() {
        return """
                <!doctype html><title>another site</title>
                <script>
                  window.outcomes = [];
                  addEventListener('flows:sent', () => outcomes.push('sent'));
                  addEventListener('flows:failed', () => outcomes.push('failed'));
                  addEventListener('flows:dropped', (e) => {
                    outcomes.push('dropped ' + e.detail.status);
                    window.refusal = e.detail.detail;
                  });
                </script>
                <script src="%s" data-channel="web"></script>
                <button data-product="hat">Hat</button>
                """.formatted(flows("/sdk/flows.js"));
    }

    private void recordOutcomes() {
        browser.executeScript(
                "window.outcomes = [];"
                        + " for (const name of ['sent', 'failed', 'dropped']) addEventListener('flows:' + name, () => outcomes.push(name));");
    }

    @SuppressWarnings("unchecked")
    private List<String> outcomes() {
        return (List<String>) browser.executeScript("return window.outcomes || []");
    }

    /** How many events the page holds, not yet acknowledged by the server. */
    private long pendingInPage() {
        return (Long) browser.executeScript("return Object.keys(localStorage).filter(k => k.startsWith('flows.queue.'))"
                + ".map(k => JSON.parse(localStorage.getItem(k)).events.length).reduce((a, b) => a + b, 0)");
    }

    /**
     * Waits until the channel holds {@code count} events and the page has nothing left to send, then answers the
     * channel's events, which must be exactly {@code count}: none arrives late and none twice.
     */
    private List<JsonNode> awaitAllSent(int count) {
        within().until(() -> api.events(CHANNEL) >= count && pendingInPage() == 0);
        List<JsonNode> events = stored();
        assertThat(events).hasSize(count);
        return events;
    }

    private List<JsonNode> stored() {
        List<JsonNode> events = new ArrayList<>();
        api.get("/channels/web/events?from=earliest&limit=1000")
                .json()
                .get("events")
                .forEach(record -> events.add(record.get("event")));
        return events;
    }

    private static ConditionFactory within() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
    }

    private void block(List<String> urls) {
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", urls));
    }

    private void touch(String type, int x, int y) {
        List<Map<String, Object>> points = x < 0 ? List.of() : List.of(Map.of("x", x, "y", y));
        browser.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", type, "touchPoints", points));
    }

    private String tryTrack(String arguments) {
        return (String) browser.executeScript(
                "try { flows.track(" + arguments + "); return 'recorded'; } catch (e) { return e.message; }");
    }
}
