package dev.flows.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.server.FlowsServer;
import dev.flows.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flows workflow ls | show | history | signal | cancel} against a real server. */
class WorkflowCommandTest {

    @TempDir
    Path temp;

    private FlowsServer server;
    private String url;

    @BeforeEach
    void startServer() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(dir.resolve("w.yaml"), """
                channels: [shop]
                ---
                workflow: orders
                from: shop
                key: data.order
                start: { on: placed }
                initial: open
                states:
                  open:
                    on: [{ signal: close, goto: closed }]
                    after: { 1h: closed }
                  closed: { terminal: true }
                """);
        server = FlowsServer.start(ServerConfig.of(dir, temp.resolve("data")).withPort(0));
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Cli.Run flows(String... args) {
        String[] withServer = new String[args.length + 2];
        System.arraycopy(args, 0, withServer, 0, args.length);
        withServer[args.length] = "--server";
        withServer[args.length + 1] = url;
        return Cli.run("", withServer);
    }

    @Test
    void shouldListShowSignalAndCancelInstances() {
        Cli.Run produce = Cli.run(
                "{\"order\":\"o1\"}\n{\"order\":\"o2\"}\n", "produce", "shop", "--type", "placed", "--server", url);
        assertThat(produce.exitCode()).as(produce.err()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> flows("workflow", "ls", "orders").out().contains("o2"));

        assertThat(flows("workflow", "ls").out()).contains("orders").contains("open, closed");
        assertThat(flows("workflow", "show", "orders", "o1").out()).contains("\"state\" : \"open\"");

        Cli.Run signal = flows("workflow", "signal", "orders", "o1", "close", "--data", "{\"by\": \"cli\"}");
        assertThat(signal.exitCode()).as(signal.err()).isZero();
        Cli.Run cancel = flows("workflow", "cancel", "orders", "o2", "--reason", "test");
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> flows("workflow", "ls", "orders", "--state", "closed")
                        .out()
                        .contains("o1"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> flows("workflow", "show", "orders", "o2").out().contains("\"cancelled\""));
        assertThat(flows("workflow", "history", "orders", "o1").out())
                .contains("flows.workflow.signal-received")
                .contains("flows.workflow.completed");

        Cli.Run ended = flows("workflow", "cancel", "orders", "o1");
        assertThat(ended.exitCode()).isNotZero();
        assertThat(ended.err()).contains("409").contains("has ended");
    }
}
