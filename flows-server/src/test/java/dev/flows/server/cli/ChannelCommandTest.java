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
        assertThat(bare.err()).contains("use `flows channel ls`, `info NAME`, `create NAME` or `delete NAME`");
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

    @Test
    void shouldCreateAChannelThatOutlivesARestartAndDeleteIt() throws Exception {
        String url;
        try (FlowsServer server = start()) {
            url = "http://127.0.0.1:" + server.port();
            Cli.Run create = Cli.run("", "channel", "create", "audit", "--partitions", "2", "--server", url);
            Cli.Run again = Cli.run("", "channel", "create", "audit", "-p", "2", "--server", url);
            Cli.Run clash = Cli.run("", "channel", "create", "audit", "-p", "3", "--server", url);
            Cli.run("{\"n\":1}\n", "produce", "audit", "--server", url);

            assertThat(create.exitCode()).as(create.err()).isZero();
            assertThat(create.out()).contains("created channel audit with 2 partition(s)");
            assertThat(again.out()).contains("already had channel audit");
            assertThat(clash.exitCode()).isEqualTo(1);
            assertThat(clash.err()).contains("exists with 2 partition(s), not 3");
        }
        try (FlowsServer server = start()) {
            url = "http://127.0.0.1:" + server.port();
            Cli.Run info = Cli.run("", "channel", "info", "audit", "--server", url);
            Cli.Run unconfirmed = Cli.run("", "channel", "delete", "audit", "--server", url);
            Cli.Run declared = Cli.run("", "channel", "delete", "shop", "--yes", "--server", url);
            Cli.Run reserved = Cli.run("", "channel", "delete", "flows.dead-letter", "--yes", "--server", url);
            Cli.Run delete = Cli.run("", "channel", "delete", "audit", "--yes", "--server", url);
            Cli.Run ls = Cli.run("", "channel", "ls", "--server", url);

            assertThat(info.out()).contains("partitions:  2").contains("events:      1");
            assertThat(unconfirmed.exitCode()).isEqualTo(2);
            assertThat(unconfirmed.err()).contains("add --yes to confirm");
            assertThat(declared.exitCode()).isEqualTo(1);
            assertThat(declared.err()).contains("is declared in the flow files (channels.yaml:");
            assertThat(reserved.err()).contains("belongs to Flows itself");
            assertThat(delete.exitCode()).as(delete.err()).isZero();
            assertThat(delete.out()).contains("deleted channel audit");
            assertThat(ls.out()).doesNotContain("audit").contains("shop");
        }
        try (FlowsServer server = start()) {
            Cli.Run ls = Cli.run("", "channel", "ls", "--server", "http://127.0.0.1:" + server.port());
            assertThat(ls.out()).doesNotContain("audit");
        }
    }

    @Test
    void shouldLintThroughFlowLint() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("lint"));
        Files.writeString(dir.resolve("bad.yaml"), "flow: bad\nfrom: nowhere\n");

        Cli.Run lint = Cli.run("", "flow", "lint", dir.toString());

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.err())
                .contains("bad.yaml:2:7: flow 'bad' reads from channel 'nowhere'")
                .contains("2 problem(s)");
    }

    @Test
    void shouldMakeATokenWhoseEntryTheServerAccepts() throws Exception {
        Cli.Run token = Cli.run("", "token", "--name", "shop-backend", "--scope", "produce:shop", "--scope", "admin");
        Cli.Run bad = Cli.run("", "token", "--name", "x", "--scope", "write:shop");

        assertThat(token.exitCode()).as(token.err()).isZero();
        String secret = token.out().lines().skip(1).findFirst().orElseThrow().strip();
        String entry = token.out().substring(token.out().indexOf("  - name:"));
        Path tokens = Files.writeString(temp.resolve("tokens.yaml"), "tokens:\n" + entry);
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(dir.resolve("channels.yaml"), "channels:\n  - shop\n");
        ServerConfig config = ServerConfig.of(dir, temp.resolve("data"))
                .withPort(0)
                .withTokens(dev.flows.server.auth.TokenFile.read(tokens));
        try (FlowsServer server = FlowsServer.start(config)) {
            String url = "http://127.0.0.1:" + server.port();
            Cli.Run without = Cli.run("{\"n\":1}\n", "produce", "shop", "--server", url);
            Cli.Run with = Cli.run("{\"n\":1}\n", "produce", "shop", "--server", url, "--token", secret);
            Cli.Run ls = Cli.run("", "channel", "ls", "--server", url, "--token", secret);

            assertThat(without.exitCode()).isEqualTo(1);
            assertThat(without.err()).contains("needs a token");
            assertThat(with.exitCode()).as(with.err()).isZero();
            assertThat(ls.out().lines())
                    .anySatisfy(line -> assertThat(line.split("\\s+")).containsExactly("shop", "1", "1"));
        }
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("scope 'write:shop' starts with 'write'");
    }
}
