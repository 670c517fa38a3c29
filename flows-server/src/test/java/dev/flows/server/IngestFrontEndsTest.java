package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.server.auth.ApiToken;
import dev.flows.server.auth.ApiTokens;
import dev.flows.server.auth.Scope;
import dev.flows.server.auth.TokenFile;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /channels/{name}/events} has two front ends: a Jetty handler takes bodies with a {@code
 * Content-Length}, Javalin's route takes chunked ones (and binary mode). The same request sent both ways must
 * get the same answer, refusals included, and store the same.
 */
class IngestFrontEndsTest {

    private static final String SECRET = "front-ends-secret";

    @TempDir
    Path temp;

    FlowsServer server;
    Api api;

    @BeforeEach
    void start() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), """
                channels:
                  - shop
                  - other
                  - name: typed
                    schema: order.json
                """);
        Files.writeString(flows.resolve("order.json"), """
                {"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number"}}}
                """);
        ApiTokens tokens = new ApiTokens(List.of(new ApiToken(
                "producer", TokenFile.digest(SECRET), List.of(Scope.parse("produce:shop"), Scope.parse("consume:*")))));
        server = FlowsServer.start(
                ServerConfig.of(flows, temp.resolve("data")).withPort(0).withTokens(tokens));
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldAnswerEveryRequestTheSameWithAndWithoutContentLength() throws Exception {
        String valid = Api.event("e-1", "shop.order.placed", "u1", "{\"amount\":3}");
        List<Case> cases = List.of(
                new Case("no token", "/channels/shop/events", Api.STRUCTURED, valid, null),
                new Case("wrong token", "/channels/shop/events", Api.STRUCTURED, valid, "nope"),
                new Case("no scope", "/channels/other/events", Api.STRUCTURED, valid, SECRET),
                new Case("unknown channel", "/channels/nowhere/events", Api.STRUCTURED, valid, SECRET),
                new Case("reserved channel", "/channels/flows.system/events", Api.STRUCTURED, valid, SECRET),
                new Case("malformed", "/channels/shop/events", Api.STRUCTURED, "{\"id\":", SECRET),
                new Case("invalid in a batch", "/channels/shop/events", Api.BATCH, "[" + valid + ",{}]", SECRET),
                new Case("wrong media type", "/channels/shop/events", "text/csv", "a,b", SECRET));

        for (Case request : cases) {
            HttpResponse<String> fast = send(request, true);
            HttpResponse<String> chunked = send(request, false);

            assertThat(fast.statusCode()).as(request.name()).isGreaterThanOrEqualTo(400);
            assertThat(fast.statusCode()).as(request.name()).isEqualTo(chunked.statusCode());
            assertThat(mediaType(fast)).as(request.name()).isEqualTo("application/problem+json");
            assertThat(mediaType(chunked)).as(request.name()).isEqualTo("application/problem+json");
            assertThat(fast.headers().firstValue("WWW-Authenticate"))
                    .as(request.name())
                    .isEqualTo(chunked.headers().firstValue("WWW-Authenticate"));
            assertThat(problem(fast)).as(request.name()).isEqualTo(problem(chunked));
        }
        assertThat(stored("shop")).isZero();
        assertThat(stored("other")).isZero();
    }

    @Test
    void shouldAnswerEveryRefusalWhileTheClientKeepsItsConnections() throws Exception {
        // A server that answers before reading the body and then closes resets the connection under a client still
        // sending, which loses the answer ("header parser received no bytes") about one time in five here.
        String body =
                "[" + Api.event("e-1", "shop.order.placed", "u1", "{\"note\":\"" + "x".repeat(20_000) + "\"}") + "]";
        List<Case> refused = List.of(
                new Case("no token", "/channels/shop/events", Api.BATCH, body, null),
                new Case("unknown channel", "/channels/nowhere/events", Api.BATCH, body, SECRET),
                new Case("wrong media type", "/channels/shop/events", "text/csv", body, SECRET));
        for (int round = 0; round < 40; round++) {
            for (Case request : refused) {
                assertThat(send(request, round % 2 == 0).statusCode())
                        .as("%s, round %d", request.name(), round)
                        .isBetween(400, 499);
            }
        }
        assertThat(stored("shop")).isZero();
    }

    @Test
    void shouldStoreAndAnswerAcceptedEventsTheSameWay() throws Exception {
        String batch = "[" + Api.event("a", "t", "u1", "1") + "," + Api.event("b", "t", "u2", "2") + "]";

        HttpResponse<String> fast = send(new Case("batch", "/channels/shop/events", Api.BATCH, batch, SECRET), true);
        HttpResponse<String> chunked =
                send(new Case("batch", "/channels/shop/events", Api.BATCH, batch, SECRET), false);

        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(mediaType(fast)).isEqualTo("application/json");
        assertThat(mediaType(chunked)).isEqualTo("application/json");
        JsonNode first = api.json().readTree(fast.body());
        JsonNode second = api.json().readTree(chunked.body());
        assertThat(first.get("channel").asString()).isEqualTo("shop");
        assertThat(first.get("events")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(second.get("events").get(i).get("id"))
                    .isEqualTo(first.get("events").get(i).get("id"));
            assertThat(second.get("events").get(i).get("partition"))
                    .isEqualTo(first.get("events").get(i).get("partition"));
            // One partition: the second copy of the batch lands right after the first.
            assertThat(second.get("events").get(i).get("offset").asLong())
                    .isEqualTo(first.get("events").get(i).get("offset").asLong() + 2);
        }
        assertThat(stored("shop")).isEqualTo(4);
    }

    @Test
    void shouldGiveTheSameSchemaViolationsBothWays() throws Exception {
        ApiTokens tokens =
                new ApiTokens(List.of(new ApiToken("admin", TokenFile.digest(SECRET), List.of(Scope.parse("admin")))));
        server.close();
        server = FlowsServer.start(ServerConfig.of(temp.resolve("flows"), temp.resolve("data"))
                .withPort(0)
                .withTokens(tokens));
        api = new Api(server.port());
        String bad = "[" + Api.event("a", "t", "u1", "{\"amount\":\"many\"}") + "]";
        Case request = new Case("schema", "/channels/typed/events", Api.BATCH, bad, SECRET);

        HttpResponse<String> fast = send(request, true);
        HttpResponse<String> chunked = send(request, false);

        assertThat(fast.statusCode()).isEqualTo(422);
        assertThat(chunked.statusCode()).isEqualTo(422);
        assertThat(problem(fast)).isEqualTo(problem(chunked));
        assertThat(problem(fast).get("errors").get(0).get("pointer").asString()).isEqualTo("/0/data/amount");
    }

    private record Case(String name, String path, String contentType, String body, String token) {}

    private HttpResponse<String> send(Case request, boolean withLength) throws Exception {
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = withLength
                ? HttpRequest.BodyPublishers.ofByteArray(body)
                // A stream of unknown length goes out chunked, without Content-Length.
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        HttpRequest.Builder builder = HttpRequest.newBuilder(api.uri(request.path()))
                .header("Content-Type", request.contentType())
                .POST(publisher);
        if (request.token() != null) {
            builder.header("Authorization", "Bearer " + request.token());
        }
        return api.http().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Events stored in a channel, per GET /channels (which needs a token here). */
    private long stored(String channel) throws Exception {
        HttpResponse<String> response = api.http()
                .send(
                        HttpRequest.newBuilder(api.uri("/channels"))
                                .header("Authorization", "Bearer " + SECRET)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        for (JsonNode node : api.json().readTree(response.body()).get("channels")) {
            if (node.get("name").asString().equals(channel)) {
                return node.get("events").asLong();
            }
        }
        throw new AssertionError("no channel " + channel + " in GET /channels: " + response.body());
    }

    private static String mediaType(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return semicolon < 0 ? type : type.substring(0, semicolon);
    }

    private JsonNode problem(HttpResponse<String> response) {
        return api.json().readTree(response.body());
    }
}
