package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Schedules and system events end to end over real HTTP: fires of {@code every: 1s} reach an output channel
 * through a flow, and a flow reading {@code flows.system} sees another flow's dead letter.
 */
class ScheduleAndSystemEventsTest {

    @TempDir
    Path temp;

    FlowsServer server;
    Api api;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldFireEverySecondIntoTheFlowAndOnToItsOutputChannel() throws Exception {
        start("""
                channels: [ ticks ]
                ---
                flow: heartbeat
                from:
                  every: 1s
                  data: { kind: heartbeat }
                steps:
                  - set: { data.seen: "true" }
                to: [ { channel: ticks } ]
                """);

        await().atMost(Duration.ofSeconds(30)).until(() -> api.events("ticks") >= 2);

        List<JsonNode> ticks = events("ticks");
        JsonNode first = ticks.getFirst();
        assertThat(first.get("type").asString()).isEqualTo("flows.schedule.fired");
        assertThat(first.get("source").asString()).isEqualTo("/flows/schedule/heartbeat");
        assertThat(first.get("data").get("kind").asString()).isEqualTo("heartbeat");
        assertThat(first.get("data").get("seen").asBoolean()).isTrue();
        assertThat(first.get("data").get("scheduled").asString())
                .isEqualTo(first.get("time").asString());
        assertThat(first.get("id").asString())
                .isEqualTo("heartbeat@" + first.get("time").asString());
        assertThat(ticks.get(1).get("time").asString())
                .isNotEqualTo(first.get("time").asString());
        assertThat(api.events("flows.schedule.heartbeat")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldPublishADeadLetterOnTheSystemChannelWhereAFlowCanReadIt() throws Exception {
        start("""
                channels: [ orders, out, alerts ]
                ---
                flow: strict
                from: orders
                steps:
                  - filter: data.amount > 10.0
                to: [ { channel: out } ]
                ---
                flow: watch
                from: flows.system
                steps:
                  - filter: type == "flows.event.dead-lettered"
                to: [ { channel: alerts } ]
                """);

        Api.Answer answer =
                api.post("/channels/orders/events", Api.STRUCTURED, Api.event("no-amount", "t", "u1", "{}"));
        assertThat(answer.status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> api.events("alerts") == 1);
        JsonNode alert = events("alerts").getFirst();
        assertThat(alert.get("type").asString()).isEqualTo("flows.event.dead-lettered");
        assertThat(alert.get("source").asString()).startsWith("/flows/");
        assertThat(alert.get("subject").asString()).isEqualTo("strict");
        assertThat(alert.get("data").get("flow").asString()).isEqualTo("strict");
        assertThat(alert.get("data").get("channel").asString()).isEqualTo("flows.dead-letter");
        assertThat(alert.get("data").get("event").asString()).isEqualTo("no-amount");
        assertThat(alert.get("data").get("reason").asString()).contains("data.amount > 10.0");
        assertThat(events("flows.system"))
                .extracting(event -> event.get("type").asString())
                .contains("flows.flow.started");
    }

    @Test
    void shouldPublishStoppedAndStartedAcrossARestart() throws Exception {
        String flows = """
                channels: [ orders, out ]
                ---
                flow: copy
                from: orders
                to: [ { channel: out } ]
                """;
        start(flows);
        server.close();
        server = null;
        start(flows);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> events("flows.system").size() >= 3);
        assertThat(events("flows.system"))
                .extracting(event -> event.get("type").asString() + " "
                        + event.get("data").get("flow").asString())
                .startsWith("flows.flow.started copy", "flows.flow.stopped copy", "flows.flow.started copy");
    }

    private void start(String yaml) throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("flows.yaml"), yaml);
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
        api = new Api(server.port());
    }

    private List<JsonNode> events(String channel) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode record : api.get("/channels/" + channel + "/events?from=0&limit=100")
                .json()
                .get("events")) {
            events.add(record.get("event"));
        }
        return events;
    }
}
