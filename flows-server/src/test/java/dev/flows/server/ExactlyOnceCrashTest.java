package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Exactly once through a stateful flow, proved the hard way: {@code flows run} in a child JVM counts events
 * per key (a window emitting every change) while events are posted to it, and is killed with SIGKILL at random
 * moments, again and again. After the last restart has caught up, every key's last count equals the number
 * of its events in the input channel, and the output holds each count of each key exactly once: nothing
 * lost, nothing doubled, on either side of any of the crashes.
 */
class ExactlyOnceCrashTest {

    private static final int KILLS = 10;
    private static final int KEYS = 12;

    @TempDir
    Path temp;

    @Test
    void shouldCountEveryEventExactlyOnceAcrossRepeatedKills() throws Exception {
        long seed = System.nanoTime();
        System.out.println("ExactlyOnceCrashTest seed " + seed);
        Random random = new Random(seed);
        Path flows = writeFlows(temp.resolve("flows"));
        Path data = temp.resolve("data");
        int sent = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            int port = ChildFlows.freePort();
            Process process = ChildFlows.start(flows, data, port, temp.resolve("flows-" + kill + ".log"));
            try {
                Api api = ChildFlows.awaitHealthy(port);
                int batches = 5 + random.nextInt(10);
                for (int b = 0; b < batches; b++) {
                    StringBuilder batch = new StringBuilder("[");
                    int size = 1 + random.nextInt(40);
                    for (int i = 0; i < size; i++) {
                        batch.append(i == 0 ? "" : ",").append(event("e" + sent++, "k" + random.nextInt(KEYS)));
                    }
                    api.post("/channels/in/events", Api.BATCH, batch.append(']').toString());
                }
                Thread.sleep(random.nextInt(300));
            } finally {
                process.destroyForcibly(); // SIGKILL: no shutdown hook runs
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }

        try (FlowsServer server = FlowsServer.start(ServerConfig.of(flows, data).withPort(0))) {
            Api api = new Api(server.port());
            await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(api));
        }

        try (EmbeddedLog log = EmbeddedLog.open(data.resolve("channels"), LogConfig.defaults())) {
            log.open(new ChannelDefinition("in", 4, SourceLocation.JAVA));
            log.open(new ChannelDefinition("out", 2, SourceLocation.JAVA));
            Map<String, Integer> inputs = new TreeMap<>();
            for (Event event : read(log, "in")) {
                inputs.merge(event.subject(), 1, Integer::sum);
            }
            Map<String, List<Long>> counts = new TreeMap<>();
            Set<String> ids = new HashSet<>();
            for (Event event : read(log, "out")) {
                assertThat(ids.add(event.id()))
                        .as("duplicate output %s", event.id())
                        .isTrue();
                Map<?, ?> row = (Map<?, ?>) event.data();
                counts.computeIfAbsent((String) row.get("key"), k -> new ArrayList<>())
                        .add((Long) row.get("count"));
            }
            assertThat(counts.keySet()).isEqualTo(inputs.keySet());
            inputs.forEach((key, n) ->
                    assertThat(counts.get(key)).as("counts of %s", key).containsExactlyInAnyOrderElementsOf(range(n)));
            System.out.println("ExactlyOnceCrashTest: " + KILLS + " kills, " + sent + " events posted, "
                    + inputs.values().stream().mapToInt(Integer::intValue).sum() + " stored, "
                    + ids.size() + " outputs");
        }
    }

    private static boolean caughtUp(Api api) {
        JsonNode flow = api.get("/flows").json().get("flows").get(0);
        return flow.get("lag").asLong() == 0 && api.events("out") >= api.events("in");
    }

    private static List<Long> range(int n) {
        List<Long> values = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            values.add(i);
        }
        return values;
    }

    private static List<Event> read(EmbeddedLog log, String name) {
        JsonEventFormat format = new JsonEventFormat();
        Channel channel = log.find(name).orElseThrow();
        List<Event> events = new ArrayList<>();
        for (int p = 0; p < channel.partitions(); p++) {
            long offset = channel.startOffset(p);
            while (true) {
                List<ChannelRecord> records = channel.read(p, offset, 1_000);
                if (records.isEmpty()) {
                    break;
                }
                for (ChannelRecord record : records) {
                    events.add(format.decode(record.value()));
                    offset = record.offset() + 1;
                }
            }
        }
        return events;
    }

    private static String event(String id, String key) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/test\",\"type\":\"tick\","
                + "\"subject\":\"" + key + "\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{}}";
    }

    private static Path writeFlows(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("channels.yaml"), """
                channels:
                  - name: in
                    partitions: 4
                  - name: out
                    partitions: 2
                """);
        Files.writeString(directory.resolve("keyed-count.yaml"), """
                flow: keyed-count
                from: in
                time:
                  out-of-order: 0s
                steps:
                  - window:
                      tumbling: 1d
                      by: { key: subject }
                      aggregate:
                        count: count()
                      emit: changes
                to:
                  - channel: out
                """);
        return directory;
    }
}
