package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.state.TableChange;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.format.JsonValues;
import dev.flows.engine.state.MvStateStore;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table fed from the embedded log changes exactly once per event, proved with SIGKILL: {@code flows run} in a
 * child JVM counts events per key into a table while events are posted, and is killed at random moments while it
 * is still working through them. After the last restart has caught up, every key's count equals the number of its
 * events in the input channel, and the table's changelog holds one change per event, numbered 1 to N without a gap,
 * each key's counts in order 1, 2, 3, ...: nothing lost, nothing applied twice, in the rows or in the changes.
 */
class TableExactlyOnceCrashTest {

    private static final int KILLS = 4;
    private static final int KEYS = 8;

    @TempDir
    Path temp;

    @Test
    void shouldChangeTheTableOncePerEventAcrossKills() throws Exception {
        long seed = System.nanoTime();
        System.out.println("TableExactlyOnceCrashTest seed " + seed);
        Random random = new Random(seed);
        Path flows = writeFlows(temp.resolve("flows"));
        Path data = temp.resolve("data");
        int sent = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            int port = ChildFlows.freePort();
            Process process = ChildFlows.start(flows, data, port, temp.resolve("flows-" + kill + ".log"));
            try {
                Api api = ChildFlows.awaitHealthy(port);
                int batches = 4 + random.nextInt(6);
                for (int b = 0; b < batches; b++) {
                    StringBuilder batch = new StringBuilder("[");
                    int size = 1 + random.nextInt(300);
                    for (int i = 0; i < size; i++) {
                        batch.append(i == 0 ? "" : ",")
                                .append(Api.event("e" + sent++, "tick", "k" + random.nextInt(KEYS), "{}"));
                    }
                    api.post("/channels/in/events", Api.BATCH, batch.append(']').toString());
                }
                Thread.sleep(random.nextInt(100)); // the flow is still counting what was just posted
            } finally {
                process.destroyForcibly(); // SIGKILL: no shutdown hook runs
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }

        try (FlowsServer server = FlowsServer.start(ServerConfig.of(flows, data).withPort(0))) {
            Api api = new Api(server.port());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> api.get("/flows")
                                    .json()
                                    .get("flows")
                                    .get(0)
                                    .get("lag")
                                    .asLong()
                            == 0);
        }

        Map<String, Long> inputs = inputCounts(data);
        long stored = inputs.values().stream().mapToLong(Long::longValue).sum();
        try (MvStateStore state = MvStateStore.open(data.resolve("state").resolve("tables.mv"))) {
            Map<String, List<Long>> counts = new TreeMap<>();
            List<TableChange> changes = state.changes("counts", 0, Integer.MAX_VALUE);
            for (TableChange change : changes) {
                Map<?, ?> row = (Map<?, ?>) JsonValues.decode(change.row());
                counts.computeIfAbsent(change.key(), k -> new ArrayList<>()).add((Long) row.get("n"));
            }
            assertThat(changes).extracting(TableChange::version).containsExactlyElementsOf(range(stored));
            assertThat(counts.keySet()).isEqualTo(inputs.keySet());
            inputs.forEach((key, n) -> {
                assertThat(counts.get(key)).as("changes of %s", key).containsExactlyElementsOf(range(n));
                Map<?, ?> row =
                        (Map<?, ?>) JsonValues.decode(state.get("counts", key).orElseThrow());
                assertThat(row.get("n")).as("row of %s", key).isEqualTo(n);
            });
        }
        System.out.println("TableExactlyOnceCrashTest: " + KILLS + " kills, " + sent + " events posted, " + stored
                + " stored and counted once each");
    }

    private static List<Long> range(long n) {
        List<Long> values = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            values.add(i);
        }
        return values;
    }

    private static Map<String, Long> inputCounts(Path data) {
        JsonEventFormat format = new JsonEventFormat();
        Map<String, Long> counts = new TreeMap<>();
        try (EmbeddedLog log = EmbeddedLog.open(data.resolve("channels"), LogConfig.defaults())) {
            log.open(new ChannelDefinition("in", 4, SourceLocation.JAVA));
            Channel channel = log.find("in").orElseThrow();
            for (int p = 0; p < channel.partitions(); p++) {
                long offset = channel.startOffset(p);
                for (List<ChannelRecord> records = channel.read(p, offset, 1_000);
                        !records.isEmpty();
                        records = channel.read(p, offset, 1_000)) {
                    for (ChannelRecord record : records) {
                        counts.merge(format.decode(record.value()).subject(), 1L, Long::sum);
                        offset = record.offset() + 1;
                    }
                }
            }
        }
        return counts;
    }

    private static Path writeFlows(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("channels.yaml"), """
                channels:
                  - name: in
                    partitions: 4
                """);
        Files.writeString(directory.resolve("counts.yaml"), """
                flow: counts
                from: in
                to:
                  - table:
                      name: counts
                      key: subject
                      set: { n: "(has(row.n) ? row.n : 0) + 1" }
                """);
        return directory;
    }
}
