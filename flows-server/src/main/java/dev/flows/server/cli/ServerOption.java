package dev.flows.server.cli;

import picocli.CommandLine.Option;

/** The {@code --server} option of the commands that talk to a running server, declared once. */
final class ServerOption {

    @Option(
            names = "--server",
            defaultValue = "${env:FLOWS_SERVER:-http://127.0.0.1:8080}",
            description = "Flows server URL (env FLOWS_SERVER, default ${DEFAULT-VALUE}).")
    String url;

    ServerClient client() {
        return new ServerClient(url);
    }
}
