package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The browser routes over real HTTP without a browser: which origins may post and what they are answered
 * (CORS included), the limits of a page's batch, and the script and demo page as served.
 */
class BrowserRoutesTest {

    private static final String SHOP = "https://shop.example";
    private static final String TEXT = "text/plain;charset=UTF-8";

    @TempDir
    Path temp;

    FlowsServer server;
    Api api;

    @BeforeEach
    void start() throws Exception {
        server = start(ServerConfig.of(flowDirectory(), temp.resolve("data")).withPort(0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FlowsServer start(ServerConfig config) {
        FlowsServer started = FlowsServer.start(config);
        api = new Api(started.port());
        return started;
    }

    private Path flowDirectory() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), """
                channels:
                  - name: web
                    browser:
                      origins: [https://shop.example]
                  - name: open
                    browser:
                      origins: ["*"]
                  - private
                """);
        return flows;
    }

    private String own() {
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postFrom(String origin, String channel, String body) throws Exception {
        return origin == null
                ? send("POST", "/sdk/channels/" + channel + "/events", TEXT, body)
                : send("POST", "/sdk/channels/" + channel + "/events", TEXT, body, "Origin", origin);
    }

    private static String clicks(int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Api.event("c" + i, "browser.element.clicked", "u1", "{\"session\":\"s1\"}"));
        }
        return "[" + String.join(",", events) + "]";
    }

    private JsonNode json(HttpResponse<String> response) {
        return api.json().readTree(response.body());
    }

    private JsonNode stored(String channel, int index) {
        return api.get("/channels/" + channel + "/events?from=earliest&limit=200")
                .json()
                .get("events")
                .get(index)
                .get("event");
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void shouldStoreEventsOfAnAllowedOriginStampedWithItAndAnswerItForCors() throws Exception {
        String forged = "[{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/p\",\"type\":\"browser.page.viewed\","
                + "\"browserorigin\":\"https://bank.example\"}]";
        HttpResponse<String> response = postFrom(SHOP, "web", forged);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("events").get(0).get("id").asString()).isEqualTo("e1");
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(header(response, "Vary")).isEqualTo("Origin");
        assertThat(stored("web", 0).get("browserorigin").asString()).isEqualTo(SHOP);
    }

    @Test
    void shouldStoreEventsOfTheServersOwnPagesAndOfAnyOriginWithAStar() throws Exception {
        assertThat(postFrom(own(), "web", clicks(1)).statusCode()).isEqualTo(200);
        assertThat(postFrom("https://anywhere.example", "open", clicks(2)).statusCode())
                .isEqualTo(200);

        assertThat(stored("web", 0).get("browserorigin").asString()).isEqualTo(own());
        assertThat(api.events("open")).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnOriginNotListedWithAProblemThePageCanReadAndStoreNothing() throws Exception {
        HttpResponse<String> response = postFrom("https://evil.example", "web", clicks(1));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo("urn:flows:problem:origin-not-allowed");
        assertThat(json(response).get("detail").asString())
                .contains("'https://evil.example' may not post to channel 'web'")
                .contains("browser: { origins: [https://evil.example] }");
        // Readable, so that the script stops instead of retrying what will never pass.
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("https://evil.example");
        assertThat(api.events("web")).isZero();
    }

    @Test
    void shouldRefuseAChannelWithoutBrowserSettingsSayingHowToEnableThem() throws Exception {
        HttpResponse<String> response = postFrom(own(), "private", clicks(1));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:flows:problem:browser-not-enabled");
        assertThat(json(response).get("detail").asString())
                .contains("channel 'private' takes no events from web pages")
                .contains("browser: { origins: [https://shop.example] }");
        assertThat(api.events("private")).isZero();
    }

    @Test
    void shouldRefuseAnUnknownChannelWithoutNamingTheOthers() throws Exception {
        HttpResponse<String> response = postFrom(own(), "nope", clicks(1));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("private").doesNotContain("open");
    }

    @Test
    void shouldRefuseARequestWithoutOrigin() throws Exception {
        HttpResponse<String> response = postFrom(null, "open", clicks(1));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:flows:problem:origin-missing");
        assertThat(api.events("open")).isZero();
    }

    @Test
    void shouldAnswerThePreflightOfAnAllowedOriginOnly() throws Exception {
        HttpResponse<String> allowed = send(
                "OPTIONS",
                "/sdk/channels/web/events",
                null,
                null,
                "Origin",
                SHOP,
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "content-type");
        HttpResponse<String> refused = send(
                "OPTIONS",
                "/sdk/channels/web/events",
                null,
                null,
                "Origin",
                "https://evil.example",
                "Access-Control-Request-Method",
                "POST");

        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(header(allowed, "Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(header(allowed, "Access-Control-Allow-Methods")).isEqualTo("POST");
        assertThat(header(allowed, "Access-Control-Allow-Headers")).isEqualTo("Content-Type");
        assertThat(header(allowed, "Vary")).isEqualTo("Origin");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(header(refused, "Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void shouldRefuseMoreThanAHundredEventsAndStoreNothing() throws Exception {
        HttpResponse<String> response = postFrom(SHOP, "web", clicks(101));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:flows:problem:batch-too-large");
        assertThat(json(response).get("detail").asString()).contains("101 events, more than the 100");
        assertThat(postFrom(SHOP, "web", clicks(100)).statusCode()).isEqualTo(200);
        assertThat(api.events("web")).isEqualTo(100);
    }

    @Test
    void shouldRefuseAMalformedBodyOrAnInvalidEventWith400AndStoreNothing() throws Exception {
        HttpResponse<String> malformed = postFrom(SHOP, "web", "[{\"specversion\":");
        String missingType = "[" + Api.event("ok", "browser.page.viewed", "u1", "{}") + ","
                + "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/p\"}]";
        HttpResponse<String> invalid = postFrom(SHOP, "web", missingType);
        HttpResponse<String> notArray = postFrom(SHOP, "web", Api.event("one", "t", "u1", "{}"));

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("type").asString()).isEqualTo("urn:flows:problem:invalid-event");
        assertThat(header(malformed, "Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get("pointer").asString()).isEqualTo("/1/type");
        assertThat(notArray.statusCode()).isEqualTo(400);
        assertThat(json(notArray).get("detail").asString()).contains("not a JSON array");
        assertThat(api.events("web")).isZero();
    }

    @Test
    void shouldRefuseABodyThatIsNotJsonText() throws Exception {
        HttpResponse<String> response =
                send("POST", "/sdk/channels/web/events", "application/xml", "<events/>", "Origin", SHOP);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("detail").asString())
                .contains("'application/xml'")
                .contains("text/plain");
    }

    @Test
    void shouldRefuseABodyOverTheServersLimit() throws Exception {
        server.close();
        server = start(new ServerConfig(
                flowDirectory(),
                temp.resolve("data2"),
                "127.0.0.1",
                0,
                null,
                4096,
                dev.flows.server.auth.ApiTokens.NONE));

        HttpResponse<String> response = postFrom(SHOP, "web", clicks(60));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(api.events("web")).isZero();
    }

    @Test
    void shouldServeTheScriptAsJavaScriptWithCacheHeadersAndAnEtag() throws Exception {
        HttpResponse<String> script = send("GET", "/sdk/flows.js", null, null);
        HttpResponse<String> again = send("GET", "/sdk/flows.js", null, null, "If-None-Match", header(script, "ETag"));

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(header(script, "Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(header(script, "Cache-Control")).isEqualTo("public, max-age=600");
        assertThat(header(script, "Cross-Origin-Resource-Policy")).isEqualTo("cross-origin");
        assertThat(script.body()).contains("window.flows = {init, track, flush, user: uid}");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void shouldServeTheDemoPageUsingTheScript() throws Exception {
        HttpResponse<String> demo = send("GET", "/demo?channel=web", null, null);

        assertThat(demo.statusCode()).isEqualTo(200);
        assertThat(header(demo, "Content-Type").replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        assertThat(demo.body())
                .contains("<script src=\"/sdk/flows.js\"></script>")
                .contains("flows.init({channel})");
    }
}
