package dev.flows.server.cli;

import dev.flows.api.error.FlowsException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flows consume CHANNEL}: prints the channel's events, one line each, as they arrive (from now, from
 * the beginning, from an offset, from a time ago, or after a consumer group's last commit), until Ctrl-C or
 * {@code --max} events.
 */
@Command(
        name = "consume",
        mixinStandardHelpOptions = true,
        description = "Print CHANNEL's events, one line each (--format ce, json or raw).")
final class ConsumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CHANNEL")
    String channel;

    @Mixin
    ServerOption server;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Start start;

    @Option(
            names = {"-n", "--max"},
            defaultValue = "0",
            paramLabel = "N",
            description = "Stop after this many events (0: never).")
    long max;

    @Option(
            names = "--format",
            defaultValue = "ce",
            paramLabel = "FORMAT",
            description = "ce: the CloudEvent JSON (default); json: {\"partition\":P,\"offset\":O,\"event\":{...}};"
                    + " raw: the event's data only.")
    ConsumeFormat format;

    @Option(
            names = "--group",
            description = "Read as this consumer group: start after its last commit (a new group starts at the"
                    + " beginning) and commit after printing each page, so a restarted consumer resumes there.")
    String group;

    @Spec
    CommandSpec spec;

    /** The clock {@code --since} counts back from. */
    private final Clock clock;

    ConsumeCommand() {
        this(Clock.systemUTC());
    }

    ConsumeCommand(Clock clock) {
        this.clock = clock;
    }

    /** Where to start reading; at most one of these, new events only when none. */
    static final class Start {
        @Option(names = "--from-beginning", description = "Start with the oldest event instead of new ones.")
        boolean fromBeginning;

        @Option(names = "--offset", paramLabel = "N", description = "Start at offset N in every partition.")
        Long offset;

        @Option(
                names = "--since",
                paramLabel = "DURATION",
                converter = DurationConverter.class,
                description = "Start with the events appended in the last DURATION (e.g. 10m, 2h, 1d).")
        Duration since;
    }

    @Override
    public Integer call() throws Exception {
        ServerClient client = server.client();
        PrintWriter out = spec.commandLine().getOut();
        if (group != null) {
            if (start != null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--group " + group + " resumes after the group's last commit, so it takes no"
                                + " --from-beginning, --offset or --since; drop one or the other");
            }
            return new GroupConsumer(client, channel, group, max, format, out).run();
        }
        HttpRequest request = HttpRequest.newBuilder(
                        client.channelUri(channel, "/stream?from=" + URLEncoder.encode(from(), StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<InputStream> response = client.stream(request);
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                throw new FlowsException("consume " + channel + ": "
                        + client.problem(response.statusCode(), text).detail());
            }
        }
        print(client, response, out);
        return 0;
    }

    /** The {@code from} of the stream: latest, earliest, an offset or a time. */
    private String from() {
        if (start == null) {
            return "latest";
        }
        if (start.offset != null) {
            if (start.offset < 0) {
                throw new ParameterException(
                        spec.commandLine(), "--offset " + start.offset + " is negative; offsets start at 0");
            }
            return Long.toString(start.offset);
        }
        if (start.since != null) {
            return clock.instant().minus(start.since).toString();
        }
        return "earliest";
    }

    private void print(ServerClient client, HttpResponse<InputStream> response, PrintWriter out) throws Exception {
        long printed = 0;
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                } else if (line.isEmpty() && !data.isEmpty()) {
                    out.println(format.render(client.json(), client.json().readTree(data.toString())));
                    out.flush();
                    data.setLength(0);
                    if (++printed == max) {
                        break;
                    }
                }
            }
        }
    }
}
