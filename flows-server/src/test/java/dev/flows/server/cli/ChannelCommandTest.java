package dev.flows.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.server.FlowsServer;
import dev.flows.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flows channel}, {@code flows flow} and {@code flows completion}, against a real server. */
class ChannelCommandTest {

    @TempDir
    Path temp;

    private FlowsServer start() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(
                dir.resolve("channels.yaml"), "channels:\n  - events\n  - name: shop\n    partitions: 3\n  - out\n");
        Files.writeString(dir.resolve("copy.yaml"), "flow: copy\nfrom: events\nto:\n  - channel: out\n");
        return FlowsServer.start(ServerConfig.of(dir, temp.resolve("data")).withPort(0));
    }

    @Test
    void shouldListChannelsWithPartitionsAndEvents() throws Exception {
        try (FlowsServer server = start()) {
            String url = "http://127.0.0.1:" + server.port();
            Cli.run("{\"n\":1}\n{\"n\":2}\n", "produce", "shop", "--server", url);

            Cli.Run ls = Cli.run("", "channel", "ls", "--server", url);

            assertThat(ls.exitCode()).as(ls.err()).isZero();
            assertThat(ls.out()).contains("NAME").contains("PARTITIONS").contains("EVENTS");
            assertThat(ls.out().lines())
                    .anySatisfy(line -> assertThat(line.split("\\s+")).containsExactly("shop", "3", "2"));
            assertThat(ls.out().lines())
                    .anySatisfy(line -> assertThat(line.split("\\s+")).containsExactly("events", "1", "0"));
        }
    }

    @Test
    void shouldShowOneChannelOrSayItIsNotThere() throws Exception {
        try (FlowsServer server = start()) {
            String url = "http://127.0.0.1:" + server.port();

            Cli.Run info = Cli.run("", "channel", "info", "shop", "--server", url);
            Cli.Run missing = Cli.run("", "channel", "info", "shoq", "--server", url);

            assertThat(info.exitCode()).as(info.err()).isZero();
            assertThat(info.out())
                    .contains("name:        shop")
                    .contains("partitions:  3")
                    .contains("end offsets: [0,0,0]");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err())
                    .contains("channel 'shoq' is not on the server")
                    .contains("flows channel ls");
        }
    }

    @Test
    void shouldListFlows() throws Exception {
        try (FlowsServer server = start()) {
            Cli.Run ls = Cli.run("", "flow", "ls", "--server", "http://127.0.0.1:" + server.port());

            assertThat(ls.exitCode()).as(ls.err()).isZero();
            assertThat(ls.out()).contains("LAST ERROR");
            assertThat(ls.out().lines())
                    .anySatisfy(line -> assertThat(line).startsWith("copy").contains("events"));
        }
    }

    @Test
    void shouldExitWithOneWhenNoServerAnswersAndTwoWithoutASubcommand() {
        Cli.Run ls = Cli.run("", "channel", "ls", "--server", "http://127.0.0.1:1");
        Cli.Run bare = Cli.run("", "channel");

        assertThat(ls.exitCode()).isEqualTo(1);
        assertThat(ls.err()).contains("cannot reach flows at http://127.0.0.1:1/");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).contains("use `flows channel ls` or `flows channel info NAME`");
    }

    @Test
    void shouldPrintABashCompletionScriptForEveryCommand() {
        Cli.Run completion = Cli.run("", "completion");

        assertThat(completion.exitCode()).as(completion.err()).isZero();
        assertThat(completion.out())
                .contains("complete -F")
                .contains("consume")
                .contains("--since")
                .contains("channel");
    }
}
