package dev.flows.server.cli;

import dev.flows.api.error.FlowsException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flows consume CHANNEL}: prints the channel's events, one CloudEvent JSON per line, as they arrive
 * (from now, or from the beginning, or after a consumer group's last commit), until Ctrl-C or {@code --max}
 * events.
 */
@Command(name = "consume", mixinStandardHelpOptions = true, description = "Print CHANNEL's events as JSON lines.")
final class ConsumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CHANNEL")
    String channel;

    @Mixin
    ServerOption server;

    @Option(names = "--from-beginning", description = "Start with the oldest event instead of new ones.")
    boolean fromBeginning;

    @Option(names = "--max", defaultValue = "0", description = "Stop after this many events (0: never).")
    long max;

    @Option(
            names = "--group",
            description = "Read as this consumer group: start after its last commit (a new group starts at the"
                    + " beginning) and commit after printing each page, so a restarted consumer resumes there.")
    String group;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServerClient client = server.client();
        if (group != null) {
            return new GroupConsumer(
                            client, channel, group, max, spec.commandLine().getOut())
                    .run();
        }
        HttpRequest request = HttpRequest.newBuilder(
                        client.channelUri(channel, "/stream?from=" + (fromBeginning ? "earliest" : "latest")))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<InputStream> response = client.stream(request);
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                throw new FlowsException(
                        client.problem(response.statusCode(), text).detail());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                } else if (line.isEmpty() && !data.isEmpty()) {
                    out.println(
                            client.json().readTree(data.toString()).get("event").toString());
                    out.flush();
                    data.setLength(0);
                    if (++printed == max) {
                        break;
                    }
                }
            }
        }
        return 0;
    }
}
