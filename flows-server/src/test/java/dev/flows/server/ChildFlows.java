package dev.flows.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/** {@code flows run} in a child JVM, for the tests that kill it: started on a free port, awaited until healthy. */
final class ChildFlows {

    private ChildFlows() {}

    /** Starts {@code flows run FLOWS --data DATA --port PORT} with this test's class path, output to {@code log}. */
    static Process start(Path flows, Path data, int port, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.flows.server.cli.FlowsCommand",
                        "run",
                        flows.toString(),
                        "--data",
                        data.toString(),
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** A client once {@code /health} answers, within a minute. */
    static Api awaitHealthy(int port) {
        Api api = new Api(port);
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> api.get("/health").status() == 200);
        return api;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
