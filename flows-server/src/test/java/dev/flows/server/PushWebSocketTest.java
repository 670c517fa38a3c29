package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.flow.Destination;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Push notifications over WebSocket ({@code GET /push/{name}/ws}) against a running server without tokens: a
 * subscriber gets its own and the broadcast notifications in order, each as {@code {"id", "event"}}, and resumes
 * with {@code ?after=} without gaps or repeats.
 */
class PushWebSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    FlowsServer server;
    Api api;

    @BeforeEach
    void start() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), """
                channels:
                  - notifications
                  - name: alerts
                    partitions: 3
                """);
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldDeliverExactlyTheUsersOwnAndTheBroadcastNotificationsInOrder() throws Exception {
        try (WsSubscriber u1 = WsSubscriber.open(api.http(), ws("notifications", "?user=u1"));
                WsSubscriber u2 = WsSubscriber.open(api.http(), ws("notifications", "?user=u2"))) {
            post(
                    "notifications",
                    List.of(
                            Notes.note("n1", "u1"),
                            Notes.note("n2", "u2"),
                            Notes.note("n3", null),
                            Notes.note("n4", "u1")));

            List<JsonNode> first = parse(u1.next(3, WAIT));
            assertThat(first).extracting(m -> m.get("id").asString()).containsExactly("0-0", "0-2", "0-3");
            assertThat(first)
                    .extracting(m -> m.get("event").get("id").asString())
                    .containsExactly("n1", "n3", "n4");
            assertThat(first.getFirst()
                            .get("event")
                            .get(Destination.ToPush.USER_EXTENSION)
                            .asString())
                    .isEqualTo("u1");
            assertThat(parse(u2.next(2, WAIT)))
                    .extracting(m -> m.get("event").get("id").asString())
                    .containsExactly("n2", "n3");
            assertThat(u1.anyMessageWithin(Duration.ofMillis(300))).isFalse();
        }
    }

    @Test
    void shouldResumeAfterTheLastIdWithoutGapsOrRepeats() throws Exception {
        Set<String> received = new HashSet<>();
        String lastId;
        try (WsSubscriber u1 = WsSubscriber.open(api.http(), ws("alerts", "?user=u1"))) {
            post("alerts", notes(0, 15));
            List<JsonNode> some = parse(u1.next(5, WAIT));
            some.forEach(m -> assertThat(received.add(m.get("event").get("id").asString()))
                    .isTrue());
            lastId = some.getLast().get("id").asString();
        }
        post("alerts", notes(15, 25));

        try (WsSubscriber resumed = WsSubscriber.open(api.http(), ws("alerts", "?user=u1&after=" + lastId))) {
            for (JsonNode message : parse(resumed.next(20, WAIT))) {
                String id = message.get("event").get("id").asString();
                assertThat(received.add(id)).as("%s is received once", id).isTrue();
            }
            assertThat(resumed.anyMessageWithin(Duration.ofMillis(300))).isFalse();
        }
        assertThat(received)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 25).mapToObj(i -> "a" + i).toList());
    }

    @Test
    void shouldRefuseTheUpgradeForAnUnknownChannelOrABadResumeId() {
        assertThatThrownBy(() -> WsSubscriber.open(api.http(), ws("nothing", "?user=u1")))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> WsSubscriber.open(api.http(), ws("alerts", "?user=u1&after=0-1.0-2")))
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
    }

    private URI ws(String channel, String query) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/push/" + channel + "/ws" + query);
    }

    private void post(String channel, List<String> notes) {
        Api.Answer answer = api.post("/channels/" + channel + "/events", Api.BATCH, Notes.batch(notes));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private List<JsonNode> parse(List<String> messages) {
        return messages.stream().map(api.json()::readTree).toList();
    }

    private static List<String> notes(int from, int to) {
        List<String> notes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            notes.add(Notes.note("a" + i, "u1", "k" + i));
            notes.add(Notes.note("b" + i, "u2", "k" + i));
        }
        return notes;
    }
}
