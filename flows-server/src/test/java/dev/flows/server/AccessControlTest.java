package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.ConfigurationException;
import dev.flows.server.auth.ApiToken;
import dev.flows.server.auth.ApiTokens;
import dev.flows.server.auth.PushSecret;
import dev.flows.server.auth.Scope;
import dev.flows.server.auth.TokenFile;
import dev.flows.server.http.HttpApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of a running server, found by asking its router (not listed by hand), is called without a
 * token, with a wrong token, with a token lacking the scope, and with the right one; only the last gets in,
 * and nothing the refused calls asked for happens. The push routes, public because browsers subscribe with a
 * signature instead of a token, refuse every subscriber without a valid signature or a consume token with 403.
 */
class AccessControlTest {

    private static final String ADMIN_SECRET = "admin-secret-0123456789";
    private static final String OTHER_SECRET = "other-secret-0123456789";
    private static final String WRONG_SECRET = "wrong-secret-0123456789";
    private static final String PUSH_SECRET = "push-secret-0123456789-0123456789";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();

    private FlowsServer start() throws IOException {
        return start(null);
    }

    private FlowsServer start(PushSecret pushSecret) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(dir.resolve("channels.yaml"), "channels:\n  - shop\n  - out\n");
        Files.writeString(dir.resolve("copy.yaml"), """
                flow: copy
                from: shop
                to:
                  - table: { name: copies, key: id, set: { id: id } }
                """);
        ApiTokens tokens = new ApiTokens(List.of(
                new ApiToken("ops", TokenFile.digest(ADMIN_SECRET), List.of(Scope.parse("admin"))),
                new ApiToken("other", TokenFile.digest(OTHER_SECRET), List.of(Scope.parse("produce:out")))));
        return FlowsServer.start(ServerConfig.of(dir, temp.resolve("data"))
                .withPort(0)
                .withTokens(tokens)
                .withPushSecret(pushSecret));
    }

    @Test
    void shouldRefuseEveryRouteWithoutTheRightTokenAndChangeNothing() throws Exception {
        try (FlowsServer server = start()) {
            List<HttpApi.Route> routes = server.routes();
            assertThat(routes).hasSizeGreaterThanOrEqualTo(17);
            assertThat(routes)
                    .extracting(route -> route.method() + " " + route.path())
                    .contains(
                            "POST /channels/{name}/events",
                            "GET /channels/{name}/stream",
                            "GET /push/{name}/events",
                            "PUT /channels/{name}",
                            "DELETE /channels/{name}",
                            "POST /channels/{name}/queues/{queue}/redrive",
                            "GET /tables/{name}/{key}",
                            "GET /health");
            assertThat(routes)
                    .allSatisfy(route -> assertThat(route.access())
                            .as(route.method() + " " + route.path() + " declares its access")
                            .isNotNull());

            List<String> checked = new ArrayList<>();
            for (HttpApi.Route route : routes) {
                String path = concrete(route.path());
                String what = route.method() + " " + path;
                if (route.access().isPublic()) {
                    // never asks for a token (the browser route may still refuse a page's origin with 403)
                    assertThat(call(server, route.method(), path, null))
                            .as(what)
                            .isNotEqualTo(401);
                    continue;
                }
                assertThat(call(server, route.method(), path, null))
                        .as(what + " without a token")
                        .isEqualTo(401);
                assertThat(call(server, route.method(), path, WRONG_SECRET))
                        .as(what + " with a wrong token")
                        .isEqualTo(401);
                assertThat(call(server, route.method(), path, "Basic b3BzOnNlY3JldA=="))
                        .as(what + " with basic credentials")
                        .isEqualTo(401);
                if (route.access().verb() != null) {
                    assertThat(call(server, route.method(), path, OTHER_SECRET))
                            .as(what + " with a token lacking the scope")
                            .isEqualTo(403);
                }
                checked.add(what);
            }
            assertThat(checked).hasSizeGreaterThanOrEqualTo(15);
            assertThat(eventsIn(server, "shop")).isZero();
            assertThat(server.flows().channels()).extracting(c -> c.name()).contains("shop");

            for (HttpApi.Route route : routes) {
                String path = concrete(route.path());
                if (!route.access().isPublic()) {
                    assertThat(call(server, route.method(), path, ADMIN_SECRET))
                            .as(route.method() + " " + path + " with the admin token")
                            .isNotIn(401, 403);
                }
            }
        }
    }

    @Test
    void shouldAdmitPushSubscribersOnlyWithAValidSignatureOrAConsumeToken() throws Exception {
        PushSecret secret = PushSecret.of(PUSH_SECRET);
        long future = Instant.now().getEpochSecond() + 3600;
        long past = Instant.now().getEpochSecond() - 1;
        String valid = signed(secret, "u1", future);
        try (FlowsServer server = start(secret)) {
            for (String route : List.of("events", "ws")) {
                String path = "/push/shop/" + route;
                assertThat(subscribe(server, path + "?user=u1", null))
                        .as(route + " with neither signature nor token")
                        .isEqualTo(403);
                assertThat(subscribe(server, path + "?user=u1&expires=" + future + "&signature=AAAA", null))
                        .as(route + " with a wrong signature")
                        .isEqualTo(403);
                assertThat(subscribe(server, path + "?user=u2&expires=" + future + "&signature=" + sig(valid), null))
                        .as(route + " with u1's signature for u2")
                        .isEqualTo(403);
                assertThat(subscribe(server, path + signed(secret, "u1", past), null))
                        .as(route + " with an expired signature")
                        .isEqualTo(403);
                assertThat(subscribe(server, path + "?user=u1", WRONG_SECRET))
                        .as(route + " with a wrong token")
                        .isEqualTo(403);
                assertThat(subscribe(server, path + "?user=u1", OTHER_SECRET))
                        .as(route + " with a token that may not consume the channel")
                        .isEqualTo(403);
                assertThat(subscribe(server, path + valid, null))
                        .as(route + " with a valid signature")
                        .isIn(200, 101);
                assertThat(subscribe(server, path + valid.replace("user=u1", "user="), null))
                        .as(route + " with u1's signature for broadcasts only")
                        .isEqualTo(403);
                assertThat(subscribe(server, path + signed(secret, "", future), null))
                        .as(route + " with a signature for broadcasts only")
                        .isIn(200, 101);
                assertThat(subscribe(server, path + "?user=anyone", ADMIN_SECRET))
                        .as(route + " with a token that may consume the channel")
                        .isIn(200, 101);
            }
        }
        try (FlowsServer server = start(secret)) {
            assertThat(refusal(server, "/push/shop/events?user=u1"))
                    .contains("urn:flows:problem:push-unauthenticated")
                    .contains("GET /push/shop/events needs a subscription signature");
            assertThat(refusal(server, "/push/shop/events?user=u1&expires=" + future + "&signature=AAAA"))
                    .contains("urn:flows:problem:push-signature-invalid")
                    .contains("does not match channel 'shop', user 'u1' and expires=" + future)
                    .doesNotContain(PUSH_SECRET);
            assertThat(refusal(server, "/push/shop/events" + signed(secret, "u1", past)))
                    .contains("urn:flows:problem:push-signature-expired")
                    .contains("ask your backend for a new one");
        }
        try (FlowsServer server = start()) {
            assertThat(refusal(server, "/push/shop/events" + valid))
                    .contains("urn:flows:problem:push-no-secret")
                    .contains("start it with --push-secret (env FLOWS_PUSH_SECRET)");
        }
    }

    @Test
    void shouldLetAScopedTokenDoOnlyWhatItsScopesSay() throws Exception {
        try (FlowsServer server = start()) {
            assertThat(post(server, "/channels/out/events", OTHER_SECRET)).isEqualTo(200);
            assertThat(post(server, "/channels/shop/events", OTHER_SECRET)).isEqualTo(403);
            assertThat(call(server, "GET", "/channels/out/events", OTHER_SECRET))
                    .isEqualTo(403);
            assertThat(call(server, "GET", "/channels", OTHER_SECRET)).isEqualTo(200);
            assertThat(eventsIn(server, "out")).isEqualTo(1);
            assertThat(eventsIn(server, "shop")).isZero();
        }
    }

    @Test
    void shouldCheckTheTokenBeforeSayingWhetherATableOrResumePointExists() throws Exception {
        try (FlowsServer server = start()) {
            assertThat(call(server, "GET", "/tables/nope/changes", null)).isEqualTo(401);
            assertThat(call(server, "GET", "/tables/copies/changes?from=x", null))
                    .isEqualTo(401);
            assertThat(call(server, "GET", "/tables/copies/changes?from=x", OTHER_SECRET))
                    .isEqualTo(403);
            assertThat(call(server, "GET", "/tables/nope/changes", ADMIN_SECRET))
                    .isEqualTo(404);
        }
    }

    @Test
    void shouldRefuseToListenBeyondLoopbackWithoutTokens() {
        ServerConfig local = ServerConfig.of(temp, temp.resolve("data"));
        assertThatThrownBy(() ->
                        new ServerConfig(local.flowDir(), local.dataDir(), "0.0.0.0", 0, null, 1 << 20, ApiTokens.NONE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0 without tokens")
                .hasMessageContaining("--tokens");
        ApiTokens tokens = new ApiTokens(
                List.of(new ApiToken("ops", TokenFile.digest(ADMIN_SECRET), List.of(Scope.parse("admin")))));
        assertThat(new ServerConfig(local.flowDir(), local.dataDir(), "0.0.0.0", 0, null, 1 << 20, tokens).host())
                .isEqualTo("0.0.0.0");
        assertThat(new ServerConfig(local.flowDir(), local.dataDir(), "localhost", 0, null, 1 << 20, ApiTokens.NONE)
                        .host())
                .isEqualTo("localhost");
    }

    /** The query of a subscription to channel shop as {@code user}, signed until {@code expires}. */
    private static String signed(PushSecret secret, String user, long expires) {
        return "?user=" + user + "&expires=" + expires + "&signature=" + secret.sign("shop", user, expires);
    }

    private static String sig(String signedQuery) {
        return signedQuery.substring(signedQuery.indexOf("signature=") + "signature=".length());
    }

    /** Subscribes over SSE ({@code /events}) or WebSocket ({@code /ws}); the answer's status (101: upgraded). */
    private int subscribe(FlowsServer server, String path, String token) throws Exception {
        if (path.contains("/ws")) {
            var socket = http.newWebSocketBuilder();
            if (token != null) {
                socket.header("Authorization", "Bearer " + token);
            }
            try {
                socket.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), new WebSocket.Listener() {})
                        .get(10, TimeUnit.SECONDS)
                        .abort();
                return 101;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WebSocketHandshakeException refused) {
                    return refused.getResponse().statusCode();
                }
                throw e;
            }
        }
        try (SseSubscriber subscriber = SseSubscriber.open(
                http,
                Api.uriOf(server.port(), path),
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token))) {
            return subscriber.status();
        }
    }

    /** The problem document of a refused SSE subscription. */
    private String refusal(FlowsServer server, String path) throws Exception {
        try (SseSubscriber subscriber = SseSubscriber.open(http, Api.uriOf(server.port(), path), Map.of())) {
            assertThat(subscriber.status()).isEqualTo(403);
            return subscriber.body();
        }
    }

    /** The path with its parameters filled in with names that exist where that matters. */
    private static String concrete(String pattern) {
        return pattern.replace("{name}", pattern.startsWith("/tables") ? "copies" : "shop")
                .replace("{queue}", "work")
                .replace("{group}", "readers")
                .replace("{key}", "k1")
                .replace("{flow}", "copy");
    }

    private int post(FlowsServer server, String path, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Api.uriOf(server.port(), path))
                .header("Content-Type", Api.STRUCTURED)
                .POST(HttpRequest.BodyPublishers.ofString(Api.event("e1", "t", "s", "{}")));
        request.header("Authorization", "Bearer " + secret);
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Calls a route with a small JSON body where it takes one; returns the status once headers arrive. */
    private int call(FlowsServer server, String method, String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Api.uriOf(server.port(), path));
        String body = method.equals("POST") && path.endsWith("/events") ? Api.event("e1", "t", "s", "{}") : "{}";
        request.method(
                method,
                Stream.of("POST", "PUT").anyMatch(method::equals)
                        ? HttpRequest.BodyPublishers.ofString(body)
                        : HttpRequest.BodyPublishers.noBody());
        request.header("Content-Type", path.endsWith("/events") ? Api.STRUCTURED : "application/json");
        if (credentials != null) {
            request.header("Authorization", credentials.startsWith("Basic ") ? credentials : "Bearer " + credentials);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private long eventsIn(FlowsServer server, String channel) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(Api.uriOf(server.port(), "/channels"))
                .header("Authorization", "Bearer " + ADMIN_SECRET)
                .build();
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        var tree = new Api(server.port()).json().readTree(body);
        for (var node : tree.get("channels")) {
            if (node.get("name").asString().equals(channel)) {
                return node.get("events").asLong();
            }
        }
        throw new AssertionError("no channel " + channel + " in " + body);
    }
}
