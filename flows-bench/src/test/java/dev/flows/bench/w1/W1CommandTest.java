package dev.flows.bench.w1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.bench.BenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** W1 end to end on a small input: the JSON lines' fields and counts, never their timings. */
class W1CommandTest {

    private static final List<String> FIELDS = List.of(
            "workload",
            "system",
            "durability",
            "events",
            "bytes",
            "append_seconds",
            "append_events_per_s",
            "append_mb_per_s",
            "read_seconds",
            "read_events_per_s",
            "latency_rate",
            "latency_p50_ms",
            "latency_p99_ms",
            "latency_p999_ms",
            "peak_rss_mb");

    @TempDir
    Path temp;

    /** What one command printed and returned. */
    record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BenchCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldPrintOneLinePerDurabilityWithEveryEventCounted() throws Exception {
        Path input = temp.resolve("events.jsonl");
        long bytes = SampleEvents.write(input, 2_000);
        Path data = temp.resolve("data");

        Run run = run(
                "W1",
                "--input",
                input.toString(),
                "--data",
                data.toString(),
                "--latency-seconds",
                "1",
                "--latency-rate",
                "500",
                "--batch",
                "300",
                "--appenders",
                "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines =
                run.out().lines().map(JsonMapper.shared()::readTree).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines).extracting(line -> line.get("durability").asString()).containsExactly("fsync", "os");
        for (JsonNode line : lines) {
            assertThat(line.propertyNames()).containsExactlyElementsOf(FIELDS);
            assertThat(line.get("workload").asString()).isEqualTo("W1");
            assertThat(line.get("system").asString()).isEqualTo("flows");
            assertThat(line.get("events").asLong()).isEqualTo(2_000);
            assertThat(line.get("bytes").asLong()).isEqualTo(bytes);
            assertThat(line.get("latency_rate").asInt()).isEqualTo(500);
            assertThat(line.get("latency_p50_ms").asDouble())
                    .isPositive()
                    .isLessThanOrEqualTo(line.get("latency_p99_ms").asDouble());
            assertThat(line.get("latency_p99_ms").asDouble())
                    .isLessThanOrEqualTo(line.get("latency_p999_ms").asDouble());
        }
        assertThat(data.resolve("w1-fsync").resolve(W1Run.CHANNEL)).isDirectory();
        assertThat(data.resolve("w1-os").resolve(W1Run.LATENCY_CHANNEL)).isDirectory();
        assertThat(data.resolve("w1-os").resolve(W1Run.WARMUP_CHANNEL)).isDirectory();
    }

    @Test
    void shouldRunOnlyTheDurabilityAskedForInATemporaryDirectory() throws Exception {
        Path input = temp.resolve("events.jsonl");
        SampleEvents.write(input, 500);

        Run run = run(
                "W1",
                "--input",
                input.toString(),
                "--durability",
                "os",
                "--latency-seconds",
                "1",
                "--latency-rate",
                "200");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList())
                .singleElement()
                .satisfies(line -> assertThat(JsonMapper.shared()
                                .readTree(line)
                                .get("durability")
                                .asString())
                        .isEqualTo("os"));
    }

    @Test
    void shouldRefuseADataDirectoryThatHoldsFiles() throws Exception {
        Path input = temp.resolve("events.jsonl");
        SampleEvents.write(input, 10);
        Files.createDirectories(temp.resolve("data/w1-fsync"));
        Files.writeString(temp.resolve("data/w1-fsync/old"), "x");

        Run run = run(
                "W1",
                "--input",
                input.toString(),
                "--data",
                temp.resolve("data").toString(),
                "--durability",
                "fsync");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is not empty").contains("--data");
    }

    @Test
    void shouldReportEveryBadSettingAtOnce() {
        Run run = run("W1", "--input", "x.jsonl", "--partitions", "0", "--batch", "0", "--latency-rate", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("--partitions is 0")
                .contains("--batch is 0")
                .contains("--latency-rate is 0");
    }

    @Test
    void shouldRefuseADurabilityW1DoesNotDefine() {
        Run run = run("W1", "--input", "x.jsonl", "--durability", "interval:5s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("use fsync or os");
    }
}
