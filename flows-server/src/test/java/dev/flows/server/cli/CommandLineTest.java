package dev.flows.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.server.FlowsServer;
import dev.flows.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flows CLI, run in-process against a real server on an ephemeral port. */
class CommandLineTest {

    @TempDir
    Path temp;

    private Path flowDir() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(dir.resolve("channels.yaml"), "channels:\n  - events\n");
        return dir;
    }

    @Test
    void shouldProduceJsonLinesAndConsumeThemFromTheBeginning() throws Exception {
        try (FlowsServer server = FlowsServer.start(
                ServerConfig.of(flowDir(), temp.resolve("data")).withPort(0))) {
            String url = "http://127.0.0.1:" + server.port();
            String lines =
                    "{\"n\":1}\n\n{\"specversion\":\"1.0\",\"id\":\"x2\",\"source\":\"/s\",\"type\":\"t\"}\n{\"n\":3}\n";

            Cli.Run produce = Cli.run(lines, "produce", "events", "--server", url, "--type", "test.line");
            Cli.Run consume = Cli.run("", "consume", "events", "--server", url, "--from-beginning", "--max", "3");

            assertThat(produce.exitCode()).as(produce.err()).isZero();
            assertThat(produce.err()).contains("produced 3 event(s) to events");
            assertThat(consume.exitCode()).as(consume.err()).isZero();
            String[] printed = consume.out().strip().split("\n");
            assertThat(printed).hasSize(3);
            assertThat(printed[0]).contains("\"type\":\"test.line\"").contains("\"data\":{\"n\":1}");
            assertThat(printed[1]).contains("\"id\":\"x2\"");
        }
    }

    @Test
    void shouldResumeAConsumerGroupAfterItsLastCommit() throws Exception {
        try (FlowsServer server = FlowsServer.start(
                ServerConfig.of(flowDir(), temp.resolve("data")).withPort(0))) {
            String url = "http://127.0.0.1:" + server.port();
            Cli.run("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n", "produce", "events", "--server", url);

            Cli.Run first = Cli.run("", "consume", "events", "--server", url, "--group", "audit", "--max", "2");
            Cli.Run second = Cli.run("", "consume", "events", "--server", url, "--group", "audit", "--max", "1");
            Cli.Run other = Cli.run("", "consume", "events", "--server", url, "--group", "other", "--max", "3");

            assertThat(first.out().strip().split("\n")).hasSize(2);
            assertThat(first.out()).contains("{\"n\":1}").contains("{\"n\":2}");
            assertThat(second.out().strip()).contains("{\"n\":3}");
            assertThat(other.out().strip().split("\n")).hasSize(3);
        }
    }

    @Test
    void shouldNameTheStdinLineOfAnInvalidEvent() throws Exception {
        try (FlowsServer server = FlowsServer.start(
                ServerConfig.of(flowDir(), temp.resolve("data")).withPort(0))) {
            String url = "http://127.0.0.1:" + server.port();
            String lines = "{\"n\":1}\n{\"specversion\":\"1.0\",\"id\":\"x2\",\"source\":\"/s\"}\n";

            Cli.Run produce = Cli.run(lines, "produce", "events", "--server", url);

            assertThat(produce.exitCode()).isEqualTo(1);
            assertThat(produce.err()).contains("stdin line 2:").contains("type");
        }
    }

    @Test
    void shouldSayWhenNoServerAnswers() {
        Cli.Run consume = Cli.run("", "consume", "events", "--server", "http://127.0.0.1:1");

        assertThat(consume.exitCode()).isEqualTo(1);
        assertThat(consume.err()).contains("cannot reach flows at http://127.0.0.1:1/");
    }

    @Test
    void shouldRefuseSqlLimitsThatCannotBeMetBeforeStarting() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("flows"));

        Cli.Run rows = Cli.run(
                "",
                "run",
                dir.toString(),
                "--data",
                temp.resolve("data").toString(),
                "--port",
                "0",
                "--sql-max-rows",
                "0");
        Cli.Run memory = Cli.run(
                "",
                "run",
                dir.toString(),
                "--data",
                temp.resolve("data").toString(),
                "--port",
                "0",
                "--sql-memory",
                "lots");

        assertThat(rows.exitCode()).isEqualTo(2);
        assertThat(rows.err())
                .contains("the most rows a SQL query may return is 0")
                .contains("--sql-max-rows");
        assertThat(memory.exitCode()).isEqualTo(2);
        assertThat(memory.err()).contains("'lots'").contains("--sql-memory");
        assertThat(temp.resolve("data")).doesNotExist();
    }

    @Test
    void shouldDocumentTheExitCodesInTheHelp() {
        Cli.Run help = Cli.run("", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:").contains("0   success").contains("2   bad usage");
    }

    @Test
    void shouldLintTheShopExampleClean() {
        Cli.Run lint = Cli.run("", "lint", dev.flows.server.ShopExample.source().toString());

        assertThat(lint.exitCode()).as(lint.err()).isZero();
        assertThat(lint.out()).contains("no problems");
    }

    @Test
    void shouldPrintEveryProblemOfABrokenDirectory() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("broken"));
        Files.writeString(dir.resolve("a.yaml"), "flow: a\nfrom: nowhere\nto:\n  - channel: orders\n");
        Files.writeString(dir.resolve("b.yaml"), "flow: b\nfrom: orders\nsteps:\n  - fliter: type == 'x'\n");

        Cli.Run lint = Cli.run("", "lint", dir.toString());

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.err()).contains("a.yaml:2:7").contains("b.yaml:4:5").contains("problem(s)");
    }
}
