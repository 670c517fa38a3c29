package dev.flows.workflow.decision;

import static dev.flows.workflow.decision.Orders.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replay tests: the histories recorded in {@code resources/histories/*.jsonl} (one CloudEvent per line, as the
 * history channel holds them) replay through the current decider without divergence. A change to the decider or
 * to {@code orders.yaml} that would make running instances behave differently fails here, naming the record.
 * To record the scenarios again after an intended change, run with {@code -Dflows.recordHistories=<dir>} and copy
 * the files into {@code src/test/resources/histories}.
 */
class HistoryReplayTest {

    private final Decider decider = Orders.decider();

    @Test
    void shouldReplayEveryRecordedHistoryWithoutDivergence() throws IOException {
        String recordTo = System.getProperty("flows.recordHistories");
        if (recordTo != null) {
            record(Path.of(recordTo));
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(histories())) {
            files = listed.filter(path -> path.toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            List<Event> history = read(file);
            HistoryReplay.Result result = HistoryReplay.replay(decider, history);
            assertThat(result.divergence()).as(file.getFileName().toString()).isNull();
            assertThat(result.instance().records())
                    .as(file.getFileName().toString())
                    .isEqualTo(history.size());
        }
    }

    @Test
    void shouldNameTheRecordWhereAChangedHistoryDiverges() throws IOException {
        List<Event> history = new ArrayList<>(read(histories().resolve("reminded-then-cancelled.jsonl")));
        Event scheduled = history.get(2);
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) scheduled.data());
        data.put("due", T0.plus(Duration.ofMinutes(30)).toString()); // as if the reminder had been after: 30m
        history.set(2, scheduled.withData(data));

        HistoryReplay.Result result = HistoryReplay.replay(decider, history);

        assertThat(result.agrees()).isFalse();
        assertThat(result.divergence())
                .startsWith("record 2 (orders/o2/h2, flows.workflow.timer-scheduled) diverges: data:")
                .contains("2026-01-01T10:30:00Z")
                .contains("2026-01-01T10:15:00Z");
    }

    @Test
    void shouldRebuildTheSnapshotFromTheHistoryAlone() throws IOException {
        List<Event> history = read(histories().resolve("paid-then-compensated.jsonl"));
        Instance fromScratch = HistoryReplay.replay(decider, history).instance();
        Instance stepByStep = Scenario.paidThenCompensated(decider).instance();
        assertThat(InstanceCodec.toMap(fromScratch)).isEqualTo(InstanceCodec.toMap(stepByStep));
    }

    private static List<Event> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .map(line -> EventJson.decode(line.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private void record(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(
                dir.resolve("paid-then-compensated.jsonl"),
                Scenario.paidThenCompensated(decider).records());
        write(
                dir.resolve("reminded-then-cancelled.jsonl"),
                Scenario.remindedThenCancelled(decider).records());
        write(
                dir.resolve("paid-with-deferred-signal.jsonl"),
                Scenario.paidWithDeferredSignal(decider).records());
        write(
                dir.resolve("cancelled-over-http.jsonl"),
                Scenario.cancelledOverHttp(decider).records());
    }

    private static void write(Path file, List<Event> records) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Event record : records) {
            lines.append(new String(EventJson.encode(record), StandardCharsets.UTF_8))
                    .append('\n');
        }
        Files.writeString(file, lines);
    }

    private static Path histories() {
        try {
            return Path.of(HistoryReplayTest.class.getResource("/histories").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
