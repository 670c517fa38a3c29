package dev.flows.bench.w5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.bench.BenchCommand;
import dev.flows.bench.w1.SampleEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** W5 end to end on a small input, against a real server: the JSON lines' fields and exact counts, never timings. */
class W5CommandTest {

    private static final List<String> FIELDS = List.of(
            "workload",
            "system",
            "mode",
            "durability",
            "concurrency",
            "requests",
            "events",
            "seconds",
            "events_per_s",
            "requests_per_s",
            "cpu_s",
            "cpu_us_per_event",
            "ack_p50_ms",
            "ack_p99_ms",
            "ack_p999_ms",
            "ack_max_ms",
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

    private static List<JsonNode> lines(Run run) {
        return run.out().lines().map(JsonMapper.shared()::readTree).toList();
    }

    @Test
    void shouldPostEveryEventInBatchesAndOneByOneAndCountThemAll() throws Exception {
        Path input = temp.resolve("events.jsonl");
        SampleEvents.write(input, 600);

        Run run = run("W5", "--input", input.toString(), "--events", "500", "--warmup-events", "50");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = lines(run);
        assertThat(lines).extracting(line -> line.get("mode").asString()).containsExactly("batch-100", "single");
        assertThat(lines).extracting(line -> line.get("requests").asLong()).containsExactly(5L, 500L);
        assertThat(lines).extracting(line -> line.get("concurrency").asInt()).containsExactly(4, 16);
        for (JsonNode line : lines) {
            assertThat(line.propertyNames()).containsExactlyElementsOf(FIELDS);
            assertThat(line.get("workload").asString()).isEqualTo("W5");
            assertThat(line.get("durability").asString()).isEqualTo("fsync");
            assertThat(line.get("events").asLong()).isEqualTo(500);
            assertThat(line.get("ack_p50_ms").asDouble())
                    .isPositive()
                    .isLessThanOrEqualTo(line.get("ack_p99_ms").asDouble());
        }
    }

    @Test
    void shouldPostWithTheJdkClientToo() throws Exception {
        Path input = temp.resolve("events.jsonl");
        SampleEvents.write(input, 250);

        Run run = run(
                "W5",
                "--input",
                input.toString(),
                "--mode",
                "batch-100",
                "--warmup-events",
                "0",
                "--concurrency",
                "2",
                "--jdk-client");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lines(run)).singleElement().satisfies(line -> {
            assertThat(line.get("events").asLong()).isEqualTo(250);
            assertThat(line.get("requests").asLong()).isEqualTo(3);
            assertThat(line.get("concurrency").asInt()).isEqualTo(2);
        });
    }

    @Test
    void shouldFailLoudlyWhenTheServerRefusesTheInput() throws Exception {
        Path input = temp.resolve("events.jsonl");
        java.nio.file.Files.writeString(input, "{\"specversion\":\"1.0\",\"id\":\"x\"}\n");

        Run run = run("W5", "--input", input.toString(), "--mode", "single", "--warmup-events", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("answered 400 instead of 200").contains("source");
    }

    @Test
    void shouldReportEveryBadSettingAtOnce() {
        Run run = run("W5", "--input", "x.jsonl", "--events", "0", "--partitions", "0", "--concurrency", "-1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("--events is 0")
                .contains("--partitions is 0")
                .contains("--concurrency is -1");
    }

    @Test
    void shouldRefuseAModeW5DoesNotDefine() {
        Run run = run("W5", "--input", "x.jsonl", "--mode", "batch-7");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("use batch-100 or single");
    }
}
