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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflow timers and steps across SIGKILL: {@code flows run} in a child JVM starts an instance per posted event;
 * each instance emits once on entering {@code waiting}, has a timer, and emits once more when the timer moves it to
 * {@code done}. The server is killed while events are posted and timers come due, and is down for a while, so that
 * some timers come due while nothing runs. At the end, read from the logs: every instance whose start event was
 * stored has exactly one timer scheduled and one fired, no fire before its due time, and each emit exactly once.
 * Prints the lateness of fires: after the due time for timers due while the server ran, and relative to the moment
 * the restarted server first answered for timers due while it was down or starting.
 */
class WorkflowTimersCrashTest {

    @TempDir
    Path temp;

    @Test
    void shouldFireEveryTimerOnceNeverEarlyAndRunEachStepOnceAcrossAKill() throws Exception {
        run(new Plan(400, Duration.ofSeconds(3), 1, 200, Duration.ofMillis(300)));
    }

    /** The test: 10,000 instances, timers due over two minutes, three kills. */
    @Test
    @Tag("slow")
    void shouldFireTenThousandTimersOnceNeverEarlyAcrossThreeKills() throws Exception {
        run(new Plan(10_000, Duration.ofSeconds(60), 3, 500, Duration.ofSeconds(3)));
    }

    /**
     * @param instances how many start events to post, spread evenly over the runs
     * @param delay     each instance's timer
     * @param kills     how many times the server is killed (it runs kills + 1 times)
     * @param batch     events per POST
     * @param pause     between two POSTs
     */
    private record Plan(int instances, Duration delay, int kills, int batch, Duration pause) {}

    /** One run of the server: when it was launched, answered its first request, and was killed (or stopped). */
    private record Run(Instant launched, Instant ready, Instant ended) {}

    private void run(Plan plan) throws Exception {
        long seed = System.nanoTime();
        System.out.println("WorkflowTimersCrashTest seed " + seed);
        Random random = new Random(seed);
        Path flows = writeFlows(temp.resolve("flows"), plan.delay());
        Path data = temp.resolve("data");
        List<Run> runs = new ArrayList<>();
        int perRun = plan.instances() / (plan.kills() + 1);
        int sent = 0;
        for (int kill = 0; kill < plan.kills(); kill++) {
            int port = ChildFlows.freePort();
            Instant launched = Instant.now();
            Process process = ChildFlows.start(flows, data, port, temp.resolve("flows-" + kill + ".log"));
            Instant ready = launched;
            try {
                Api api = ChildFlows.awaitHealthy(port);
                ready = Instant.now();
                sent = post(api, sent, perRun, plan, random);
                Thread.sleep(random.nextLong(
                        plan.delay().toMillis() / 4, plan.delay().toMillis() / 2));
            } finally {
                process.destroyForcibly(); // SIGKILL: no shutdown hook runs
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                runs.add(new Run(launched, ready, Instant.now()));
            }
            // down: some timers come due meanwhile
            Thread.sleep(
                    random.nextLong(plan.delay().toMillis() / 4, plan.delay().toMillis() / 2));
        }
        Instant launched = Instant.now();
        try (FlowsServer server = FlowsServer.start(ServerConfig.of(flows, data).withPort(0))) {
            Instant ready = Instant.now();
            Api api = new Api(server.port());
            sent = post(api, sent, plan.instances() - sent, plan, random);
            long stored = api.events("in");
            await().atMost(plan.delay().multipliedBy(3).plusSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> done(api) == stored);
            runs.add(new Run(launched, ready, Instant.now()));
        }
        check(data, runs, sent);
    }

    private static int post(Api api, int from, int count, Plan plan, Random random) throws InterruptedException {
        int next = from;
        while (next < from + count) {
            int size = Math.min(plan.batch(), from + count - next);
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < size; i++) {
                batch.append(i == 0 ? "" : ",")
                        .append(Api.event(
                                "e" + next, "t.start", "s" + random.nextInt(64), "{\"id\":\"k" + next + "\"}"));
                next++;
            }
            assertThat(api.post(
                                    "/channels/in/events",
                                    Api.BATCH,
                                    batch.append(']').toString())
                            .status())
                    .isEqualTo(200);
            Thread.sleep(plan.pause().toMillis());
        }
        return next;
    }

    /** How many instances are done, counted over the pages of GET /workflows/timers?state=done. */
    private static long done(Api api) {
        long count = 0;
        String after = "";
        while (true) {
            var page = api.get("/workflows/timers?state=done&limit=1000&after=" + after)
                    .json();
            count += page.get("instances").size();
            if (page.get("next").isNull()) {
                return count;
            }
            after = page.get("next").asString();
        }
    }

    private void check(Path data, List<Run> runs, int sent) {
        JsonEventFormat format = new JsonEventFormat();
        Map<String, List<Event>> history = new TreeMap<>();
        Map<String, Integer> emits = new HashMap<>();
        List<String> starts = new ArrayList<>();
        try (EmbeddedLog log = EmbeddedLog.open(data.resolve("channels"), LogConfig.defaults())) {
            for (Event event : read(log, "in", 4, format)) {
                starts.add((String) ((Map<?, ?>) event.data()).get("id"));
            }
            for (Event record : read(log, "flows.workflow.timers", 1, format)) {
                history.computeIfAbsent(record.subject(), k -> new ArrayList<>())
                        .add(record);
            }
            for (Event emitted : read(log, "out", 1, format)) {
                emits.merge(emitted.type() + " " + emitted.subject(), 1, Integer::sum);
            }
        }
        assertThat(starts).doesNotHaveDuplicates();
        assertThat(history.keySet()).containsExactlyInAnyOrderElementsOf(starts);
        long early = 0;
        List<Long> lateWhileUp = new ArrayList<>();
        List<Long> lateAfterRestart = new ArrayList<>();
        for (String key : starts) {
            List<Event> records = history.get(key);
            List<Event> scheduled = ofType(records, "flows.workflow.timer-scheduled");
            List<Event> fired = ofType(records, "flows.workflow.timer-fired");
            assertThat(scheduled).as("timers scheduled for %s", key).hasSize(1);
            assertThat(fired).as("timers fired for %s", key).hasSize(1);
            assertThat(ofType(records, "flows.workflow.completed"))
                    .as("completions of %s", key)
                    .hasSize(1);
            Instant due =
                    Instant.parse((String) ((Map<?, ?>) scheduled.getFirst().data()).get("due"));
            Instant firedAt = fired.getFirst().time();
            if (firedAt.isBefore(due)) {
                early++;
            }
            Run up = runs.stream()
                    .filter(run -> !due.isBefore(run.ready()) && due.isBefore(run.ended()))
                    .findFirst()
                    .orElse(null);
            if (up != null) {
                lateWhileUp.add(firedAt.toEpochMilli() - due.toEpochMilli());
            } else {
                Run restart = runs.stream()
                        .filter(run -> run.ready().isAfter(due))
                        .findFirst()
                        .orElseThrow();
                lateAfterRestart.add(firedAt.toEpochMilli() - restart.ready().toEpochMilli());
            }
            assertThat(emits.get("t.started " + key)).as("t.started of %s", key).isEqualTo(1);
            assertThat(emits.get("t.done " + key)).as("t.done of %s", key).isEqualTo(1);
        }
        assertThat(early).as("timers fired before their due time").isZero();
        assertThat(emits.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 * starts.size());
        System.out.printf(
                "WorkflowTimersCrashTest: %d kills, %d events posted, %d instances, 0 early, 0 missed, each step once;"
                        + " %d timers due while up: lateness max %d ms, p99 %d ms, p50 %d ms;"
                        + " %d due while down or starting: fired relative to the restarted server's first answer (negative: before"
                        + " it) max %d ms, p99 %d ms%n",
                runs.size() - 1,
                sent,
                starts.size(),
                lateWhileUp.size(),
                percentile(lateWhileUp, 100),
                percentile(lateWhileUp, 99),
                percentile(lateWhileUp, 50),
                lateAfterRestart.size(),
                percentile(lateAfterRestart, 100),
                percentile(lateAfterRestart, 99));
    }

    private static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static List<Event> ofType(List<Event> records, String type) {
        return records.stream().filter(record -> record.type().equals(type)).toList();
    }

    private static List<Event> read(EmbeddedLog log, String name, int partitions, JsonEventFormat format) {
        log.open(new ChannelDefinition(name, partitions, SourceLocation.JAVA));
        Channel channel = log.find(name).orElseThrow();
        List<Event> events = new ArrayList<>();
        for (int p = 0; p < channel.partitions(); p++) {
            long offset = channel.startOffset(p);
            for (List<ChannelRecord> records = channel.read(p, offset, 1_000);
                    !records.isEmpty();
                    records = channel.read(p, offset, 1_000)) {
                for (ChannelRecord record : records) {
                    events.add(format.decode(record.value()));
                    offset = record.offset() + 1;
                }
            }
        }
        return events;
    }

    private static Path writeFlows(Path directory, Duration delay) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("timers.yaml"), """
                channels:
                  - name: in
                    partitions: 4
                  - out
                ---
                workflow: timers
                from: in
                key: data.id
                start: { on: t.start }
                initial: waiting
                states:
                  waiting:
                    entry:
                      - emit: { channel: out, type: t.started }
                    after: { DELAY: done }
                  done:
                    entry:
                      - emit: { channel: out, type: t.done }
                    terminal: true
                """.replace("DELAY", delay.toMillis() + "ms"));
        return directory;
    }
}
