package dev.flows.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.server.FlowsServer;
import dev.flows.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flows flow redrive FLOW} against a real server whose receiver is down. */
class RedriveCommandTest {

    @TempDir
    Path temp;

    private FlowsServer server;
    private String url;

    @BeforeEach
    void startServer() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(dir.resolve("f.yaml"), """
                channels: [orders]
                ---
                flow: notify
                from: orders
                to:
                  - webhook:
                      url: http://127.0.0.1:%d/down
                      allow-private: true
                      retry: { attempts: 1 }
                """.formatted(closedPort()));
        server = FlowsServer.start(ServerConfig.of(dir, temp.resolve("data")).withPort(0));
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldRedriveAndSayWhatCameOfIt() {
        Cli.Run produce = Cli.run("{\"order\":\"o1\"}\n", "produce", "orders", "--server", url);
        assertThat(produce.exitCode()).as(produce.err()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Cli.run(
                                        "",
                                        "consume",
                                        "flows.dead-letter",
                                        "--server",
                                        url,
                                        "--offset",
                                        "0",
                                        "-n",
                                        "1",
                                        "--format",
                                        "raw")
                                .exitCode()
                        == 0);

        Cli.Run redrive = Cli.run("", "flow", "redrive", "notify", "--server", url);

        assertThat(redrive.exitCode()).as(redrive.err()).isEqualTo(1);
        assertThat(redrive.out())
                .contains("flow notify: 1 redriven, 0 delivered, 1 gave up again (1 dead letters examined)");
    }

    @Test
    void shouldSayWhenTheFlowDoesNotExist() {
        Cli.Run redrive = Cli.run("", "flow", "redrive", "nope", "--server", url);

        assertThat(redrive.exitCode()).isNotZero();
        assertThat(redrive.err()).contains("there is no flow 'nope'");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
