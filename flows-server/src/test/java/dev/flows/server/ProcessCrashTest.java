package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code flows run} as a real process: killed with SIGKILL after acknowledging events, it loses none of them;
 * stopped with SIGTERM (Ctrl-C's sibling), it shuts down cleanly.
 */
class ProcessCrashTest {

    @TempDir
    Path temp;

    @Test
    void shouldKeepEveryAcknowledgedEventWhenKilled() throws Exception {
        Path flows = ShopExample.copyTo(temp.resolve("flows"), "http://127.0.0.1:9/unused");
        Path data = temp.resolve("data");
        int port = ChildFlows.freePort();
        Process process = ChildFlows.start(flows, data, port, temp.resolve("flows.log"));
        List<String> acknowledged = new ArrayList<>();
        try {
            Api api = ChildFlows.awaitHealthy(port);
            for (int i = 0; i < 60; i++) {
                String id = "k" + i;
                Api.Answer answer =
                        api.post("/channels/shop/events", Api.STRUCTURED, Api.order(id, "u" + (i % 7), "o" + i, 1.0));
                assertThat(answer.status()).isEqualTo(200);
                acknowledged.add(id);
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (FlowsServer restarted =
                FlowsServer.start(ServerConfig.of(flows, data).withPort(0))) {
            Api api = new Api(restarted.port());
            Set<String> stored = new HashSet<>();
            for (JsonNode view :
                    api.get("/channels/shop/events?from=0&limit=1000").json().get("events")) {
                stored.add(view.get("event").get("id").asString());
            }
            assertThat(stored).containsAll(acknowledged);
        }
    }

    @Test
    void shouldStopCleanlyOnSigterm() throws Exception {
        Path flows = ShopExample.copyTo(temp.resolve("flows"), "http://127.0.0.1:9/unused");
        int port = ChildFlows.freePort();
        Process process = ChildFlows.start(flows, temp.resolve("data"), port, temp.resolve("flows.log"));
        ChildFlows.awaitHealthy(port);

        process.destroy();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(temp.resolve("flows.log"))).contains("flows stopped");
    }
}
