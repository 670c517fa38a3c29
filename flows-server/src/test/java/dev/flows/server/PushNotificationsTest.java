package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.Destination;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Push notifications over Server-Sent Events against a running server without tokens: each subscriber gets its
 * own and the broadcast notifications, in order, resumes after the last id it received without gaps or repeats,
 * and gets what a flow's {@code push} destination sends.
 */
class PushNotificationsTest {

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
                  - orders
                  - notifications
                  - name: alerts
                    partitions: 4
                """);
        Files.writeString(flows.resolve("order-notices.yaml"), """
                flow: order-notices
                from: orders
                steps:
                  - set:
                      type: "'shop.order.notice'"
                      data.text: "'Order ' + data.order + ' received'"
                to:
                  - push:
                      channel: notifications
                      user: data.user
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
        try (SseSubscriber u1 = subscribe("notifications", "?user=u1", Map.of());
                SseSubscriber u2 = subscribe("notifications", "?user=u2", Map.of())) {
            assertThat(u1.status()).isEqualTo(200);
            assertThat(u1.response().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));

            post(
                    "notifications",
                    List.of(
                            Notes.note("n1", "u1"),
                            Notes.note("n2", "u2"),
                            Notes.note("n3", null),
                            Notes.note("n4", "u1"),
                            Notes.note("n5", "u2"),
                            Notes.note("n6", "u1")));

            List<SseSubscriber.Message> first = u1.next(4, WAIT);
            assertThat(first).extracting(this::eventId).containsExactly("n1", "n3", "n4", "n6");
            assertThat(first).extracting(SseSubscriber.Message::id).containsExactly("0-0", "0-2", "0-3", "0-5");
            assertThat(u2.next(3, WAIT)).extracting(this::eventId).containsExactly("n2", "n3", "n5");
            JsonNode event = api.json().readTree(first.getFirst().data());
            assertThat(event.get(Destination.ToPush.USER_EXTENSION).asString()).isEqualTo("u1");
            assertThat(event.get("data").get("text").asString()).isEqualTo("note n1");
            assertThat(u1.anyMessageWithin(Duration.ofMillis(300))).isFalse();
        }
    }

    @Test
    void shouldResumeAfterTheLastEventIdWithoutGapsOrRepeatsAcrossPartitions() throws Exception {
        Set<String> received = new HashSet<>();
        String lastId;
        try (SseSubscriber u1 = subscribe("alerts", "?user=u1", Map.of())) {
            post("alerts", notes(0, 20));
            List<SseSubscriber.Message> some = u1.next(7, WAIT);
            some.forEach(message -> assertThat(received.add(eventId(message))).isTrue());
            lastId = some.getLast().id();
        } // the subscriber goes away with more sent or on the way
        post("alerts", notes(20, 30));

        try (SseSubscriber resumed = subscribe("alerts", "?user=u1", Map.of("Last-Event-ID", lastId))) {
            for (SseSubscriber.Message message : resumed.next(23, WAIT)) {
                assertThat(received.add(eventId(message)))
                        .as("%s is received once", eventId(message))
                        .isTrue();
            }
            assertThat(resumed.anyMessageWithin(Duration.ofMillis(300))).isFalse();
        }
        assertThat(received)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 30).mapToObj(i -> "a" + i).toList());
        assertThat(lastId).matches("\\d-\\d+(\\.\\d-\\d+)*");
    }

    @Test
    void shouldStartWithNewNotificationsUnlessAskedFromTheEarliest() throws Exception {
        post("notifications", List.of(Notes.note("old", "u1")));
        try (SseSubscriber fresh = subscribe("notifications", "?user=u1", Map.of())) {
            post("notifications", List.of(Notes.note("new", "u1")));
            assertThat(eventId(fresh.next(WAIT))).isEqualTo("new");
        }
        try (SseSubscriber replay = subscribe("notifications", "?user=u1&from=earliest", Map.of())) {
            assertThat(replay.next(2, WAIT)).extracting(this::eventId).containsExactly("old", "new");
        }
        try (SseSubscriber after = subscribe("notifications", "?user=u1&after=0-0", Map.of())) {
            assertThat(eventId(after.next(WAIT))).isEqualTo("new");
        }
    }

    @Test
    void shouldRefuseAResumeIdThatIsNotOneOfTheChannel() throws Exception {
        try (SseSubscriber wrong = subscribe("alerts", "?user=u1&after=7-1", Map.of())) {
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.body())
                    .contains("query parameter 'after' is '7-1', which is not the id of a notification of channel"
                            + " 'alerts': it names partition 7, but the channel has partitions 0 to 3");
        }
        try (SseSubscriber wrong = subscribe("alerts", "?user=u1", Map.of("Last-Event-ID", "yesterday"))) {
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.body()).contains("header Last-Event-ID is 'yesterday'");
        }
        try (SseSubscriber unknown = subscribe("nothing", "?user=u1", Map.of())) {
            assertThat(unknown.status()).isEqualTo(404);
        }
    }

    @Test
    void shouldPushWhatAFlowSendsToTheUserItNames() throws Exception {
        try (SseSubscriber u1 = subscribe("notifications", "?user=u1", Map.of());
                SseSubscriber u2 = subscribe("notifications", "?user=u2", Map.of())) {
            assertThat(api.post("/channels/orders/events", Api.STRUCTURED, Api.order("o-1", "u1", "1001", 25.0))
                            .status())
                    .isEqualTo(200);

            JsonNode notice = api.json().readTree(u1.next(WAIT).data());
            assertThat(notice.get("id").asString()).isEqualTo("o-1");
            assertThat(notice.get("type").asString()).isEqualTo("shop.order.notice");
            assertThat(notice.get("data").get("text").asString()).isEqualTo("Order 1001 received");
            assertThat(notice.get(Destination.ToPush.USER_EXTENSION).asString()).isEqualTo("u1");
            assertThat(u2.anyMessageWithin(Duration.ofMillis(500))).isFalse();
        }
    }

    private SseSubscriber subscribe(String channel, String query, Map<String, String> headers) throws Exception {
        URI uri = api.uri("/push/" + channel + "/events" + query);
        return SseSubscriber.open(api.http(), uri, headers);
    }

    private void post(String channel, List<String> notes) {
        Api.Answer answer = api.post("/channels/" + channel + "/events", Api.BATCH, Notes.batch(notes));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** Notifications a{from}..a{to-1}, alternately for u1 and u2 with u1 getting every third twice as many. */
    private static List<String> notes(int from, int to) {
        List<String> notes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            notes.add(Notes.note("a" + i, "u1", "k" + i)); // keys spread them over the partitions
            notes.add(Notes.note("b" + i, "u2", "k" + i));
        }
        return notes;
    }

    private String eventId(SseSubscriber.Message message) {
        return api.json().readTree(message.data()).get("id").asString();
    }
}
