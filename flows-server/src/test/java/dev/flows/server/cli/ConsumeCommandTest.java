package dev.flows.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.server.FlowsServer;
import dev.flows.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code flows consume}'s start positions, formats and usage errors, against a real server. */
class ConsumeCommandTest {

    @TempDir
    Path temp;

    private FlowsServer server;
    private String url;

    @BeforeEach
    void startServerWithThreeEvents() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(dir.resolve("channels.yaml"), "channels:\n  - events\n");
        server = FlowsServer.start(ServerConfig.of(dir, temp.resolve("data")).withPort(0));
        url = "http://127.0.0.1:" + server.port();
        Cli.Run produce = Cli.run("{\"n\":0}\n\"one\"\n{\"n\":2}\n", "produce", "events", "--server", url);
        assertThat(produce.exitCode()).as(produce.err()).isZero();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldStartAtAnOffsetAndPrintPositionsAsJson() {
        Cli.Run consume =
                Cli.run("", "consume", "events", "--server", url, "--offset", "1", "-n", "2", "--format", "json");

        assertThat(consume.exitCode()).as(consume.err()).isZero();
        String[] lines = consume.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0])
                .startsWith("{\"partition\":0,\"offset\":1,\"event\":{")
                .contains("\"data\":\"one\"");
        assertThat(lines[1])
                .startsWith("{\"partition\":0,\"offset\":2,\"event\":{")
                .contains("\"data\":{\"n\":2}");
    }

    @Test
    void shouldPrintTheEventsOfTheLastDurationAsRawData() {
        Cli.Run consume =
                Cli.run("", "consume", "events", "--server", url, "--since", "1h", "--max", "3", "--format", "raw");

        assertThat(consume.exitCode()).as(consume.err()).isZero();
        assertThat(consume.out()).isEqualTo("{\"n\":0}\none\n{\"n\":2}\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void shouldLeaveOutEventsAppendedBeforeTheDuration() throws Exception {
        Instant lastOld = appendedAt(2);
        Instant deadline = Instant.now().plusSeconds(5);
        while (!Instant.now().isAfter(lastOld.plusMillis(1)) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait(); // the next event must be appended in a later millisecond than the old ones
        }
        Cli.run("{\"n\":3}\n", "produce", "events", "--server", url);
        Clock tenMinutesLater = Clock.fixed(appendedAt(3).plus(Duration.ofMinutes(10)), ZoneOffset.UTC);

        Cli.Run consume = Cli.run(
                tenMinutesLater,
                "",
                "consume",
                "events",
                "--server",
                url,
                "--since",
                "10m",
                "-n",
                "1",
                "--format",
                "raw");

        assertThat(consume.exitCode()).as(consume.err()).isZero();
        assertThat(consume.out().strip()).isEqualTo("{\"n\":3}");
    }

    /** When the server appended the event at {@code offset} of partition 0. */
    private Instant appendedAt(long offset) throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/channels/events/events?from=" + offset + "&limit=1"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode view = JsonMapper.builder()
                .build()
                .readTree(page.body())
                .path("events")
                .get(0);
        return Instant.parse(view.path("appendedAt").asString());
    }

    @Test
    void shouldPrintCloudEventsByDefault() {
        Cli.Run consume = Cli.run("", "consume", "events", "--server", url, "--from-beginning", "-n", "1");

        assertThat(consume.exitCode()).as(consume.err()).isZero();
        assertThat(consume.out().strip())
                .startsWith("{")
                .contains("\"specversion\":\"1.0\"")
                .contains("\"data\":{\"n\":0}")
                .doesNotContain("\"offset\"");
    }

    @Test
    void shouldPrintAGroupsEventsInTheAskedFormat() {
        Cli.Run consume =
                Cli.run("", "consume", "events", "--server", url, "--group", "g", "-n", "3", "--format", "raw");

        assertThat(consume.out().strip().split("\\R")).containsExactly("{\"n\":0}", "one", "{\"n\":2}");
    }

    @Test
    void shouldRefuseTwoStartPositionsAsBadUsage() {
        Cli.Run consume = Cli.run("", "consume", "events", "--server", url, "--from-beginning", "--offset", "1");

        assertThat(consume.exitCode()).isEqualTo(2);
        assertThat(consume.err()).contains("mutually exclusive").contains("--offset");
    }

    @Test
    void shouldRefuseAStartPositionWithAGroupAsBadUsage() {
        Cli.Run consume = Cli.run("", "consume", "events", "--server", url, "--group", "g", "--since", "5m");

        assertThat(consume.exitCode()).isEqualTo(2);
        assertThat(consume.err()).contains("--group g resumes after the group's last commit");
    }

    @Test
    void shouldRefuseAMalformedDurationOrFormatAsBadUsage() {
        Cli.Run since = Cli.run("", "consume", "events", "--server", url, "--since", "5 minuts");
        Cli.Run format = Cli.run("", "consume", "events", "--server", url, "--format", "xml");

        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err()).contains("'5 minuts' is not a duration; use e.g. 30s, 10m");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("xml");
    }

    @Test
    void shouldExitWithOneWhenTheServerRefuses() {
        Cli.Run consume = Cli.run("", "consume", "nowhere", "--server", url, "-n", "1");

        assertThat(consume.exitCode()).isEqualTo(1);
        assertThat(consume.err()).contains("consume nowhere:");
    }
}
