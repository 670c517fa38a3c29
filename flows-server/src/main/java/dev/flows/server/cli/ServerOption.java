package dev.flows.server.cli;

import picocli.CommandLine.Option;

/** The {@code --server} and {@code --token} options of the commands that talk to a running server, declared once. */
final class ServerOption {

    @Option(
            names = "--server",
            defaultValue = "${env:FLOWS_SERVER:-http://127.0.0.1:8080}",
            description = "Flows server URL (env FLOWS_SERVER, default ${DEFAULT-VALUE}).")
    String url;

    @Option(
            names = "--token",
            defaultValue = "${env:FLOWS_TOKEN}",
            description = "Bearer token, when the server asks for one (env FLOWS_TOKEN).")
    String token;

    ServerClient client() {
        return new ServerClient(url, token);
    }
}
