package dev.flows.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.server.FlowsServer;
import dev.flows.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flows produce}'s key, headers, type and source, against a real server. */
class ProduceCommandTest {

    @TempDir
    Path temp;

    private FlowsServer start() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(dir.resolve("channels.yaml"), "channels:\n  - events\n");
        return FlowsServer.start(ServerConfig.of(dir, temp.resolve("data")).withPort(0));
    }

    @Test
    void shouldSetKeyAndHeadersOnPlainAndCloudEventLines() throws Exception {
        try (FlowsServer server = start()) {
            String url = "http://127.0.0.1:" + server.port();
            String lines = "{\"n\":1}\n{\"specversion\":\"1.0\",\"id\":\"x2\",\"source\":\"/s\",\"type\":\"t\"}\n";

            Cli.Run produce = Cli.run(
                    lines,
                    "produce",
                    "events",
                    "--server",
                    url,
                    "--key",
                    "k1",
                    "--header",
                    "tenant=acme",
                    "--header",
                    "region=eu",
                    "--type",
                    "order.placed",
                    "--source",
                    "/shop");
            Cli.Run consume = Cli.run("", "consume", "events", "--server", url, "--from-beginning", "-n", "2");

            assertThat(produce.exitCode()).as(produce.err()).isZero();
            String[] printed = consume.out().strip().split("\\R");
            assertThat(printed[0])
                    .contains("\"type\":\"order.placed\"", "\"source\":\"/shop\"")
                    .contains("\"partitionkey\":\"k1\"", "\"tenant\":\"acme\"", "\"region\":\"eu\"");
            assertThat(printed[1])
                    .contains("\"id\":\"x2\"", "\"type\":\"t\"")
                    .contains("\"partitionkey\":\"k1\"", "\"tenant\":\"acme\"");
        }
    }

    @Test
    void shouldRefuseAHeaderThatIsNoExtensionNameAsBadUsage() {
        Cli.Run produce = Cli.run("{}\n", "produce", "events", "--server", "http://127.0.0.1:1", "--header", "Data=x");

        assertThat(produce.exitCode()).isEqualTo(2);
        assertThat(produce.err()).contains("--header Data=... does not name an extension attribute");
    }
}
