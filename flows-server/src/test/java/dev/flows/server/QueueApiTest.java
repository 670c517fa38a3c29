package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Queues over HTTP on a real server: lease, ack, nack to the dead-letter channel, stale leases, redrive. */
class QueueApiTest {

    @TempDir
    Path temp;

    FlowsServer server;
    Api api;

    @BeforeEach
    void start() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), """
                channels:
                  - name: jobs
                    queue: { max-deliveries: 2, visibility-timeout: 1m }
                """);
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode poll(int max) {
        Api.Answer answer =
                api.post("/channels/jobs/queues/workers/poll?max=" + max + "&wait=2000", "application/json", "");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("leases");
    }

    private static String lease(JsonNode lease) {
        return "{\"partition\":" + lease.get("partition").asInt() + ",\"offset\":"
                + lease.get("offset").asLong() + ",\"deliveryCount\":"
                + lease.get("deliveryCount").asInt() + ",\"error\":\"boom\"}";
    }

    @Test
    void shouldLeaseAckAndDeadLetterOverHttp() {
        api.post(
                "/channels/jobs/events",
                Api.BATCH,
                "[" + Api.event("j1", "job", "a", "{}") + "," + Api.event("j2", "job", "a", "{}") + "]");

        JsonNode leases = poll(10);
        assertThat(leases).hasSize(2);
        assertThat(leases.get(0).get("event").get("id").asString()).isEqualTo("j1");
        assertThat(leases.get(0).get("deliveryCount").asInt()).isEqualTo(1);

        assertThat(api.post("/channels/jobs/queues/workers/ack", "application/json", lease(leases.get(0)))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/channels/jobs/queues/workers/ack", "application/json", lease(leases.get(0)))
                        .status())
                .isEqualTo(409);
        assertThat(api.post("/channels/jobs/queues/workers/nack", "application/json", lease(leases.get(1)))
                        .status())
                .isEqualTo(200);

        JsonNode again = poll(10);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).get("deliveryCount").asInt()).isEqualTo(2);
        api.post("/channels/jobs/queues/workers/nack", "application/json", lease(again.get(0)));

        assertThat(api.events("flows.dead-letter")).isEqualTo(1);
        JsonNode stats = api.get("/channels/jobs/queues/workers").json();
        assertThat(stats.get("acked").asLong()).isEqualTo(1);
        assertThat(stats.get("deadLettered").asLong()).isEqualTo(1);

        assertThat(api.post("/channels/jobs/queues/workers/redrive", "application/json", "")
                        .json()
                        .get("redriven")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.events("jobs")).isEqualTo(3);
    }

    @Test
    void shouldRefuseBadLeaseBodies() {
        Api.Answer answer = api.post("/channels/jobs/queues/workers/ack", "application/json", "{\"partition\":0}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asString()).contains("offset");
    }
}
