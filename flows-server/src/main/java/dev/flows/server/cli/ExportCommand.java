package dev.flows.server.cli;

import dev.flows.api.error.FlowsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flows export CHANNEL --format parquet|jsonl [--from TIME] [--to TIME] -o FILE}: downloads a channel's
 * history (or the events whose time is in [from, to)) from a running server ({@code GET
 * /channels/{name}/export}). The file appears under its name only once whole.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export a channel's events, or those with a time in [--from, --to), to Parquet or JSON lines"
                + " (the stored CloudEvents, one per line), in partition and offset order.")
final class ExportCommand implements Callable<Integer> {

    /** What the file holds. */
    enum Format {
        parquet,
        jsonl
    }

    @Parameters(index = "0", paramLabel = "CHANNEL", description = "The channel to export.")
    String channel;

    @Option(names = "--format", required = true, description = "parquet or jsonl.")
    Format format;

    @Option(names = "--from", paramLabel = "TIME", description = "Events at or after this time (ISO-8601, UTC).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Events before this time (ISO-8601, UTC).")
    String to;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description = "The file to write.")
    Path output;

    @Mixin
    ServerOption server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        StringBuilder query = new StringBuilder("/export?format=" + format);
        append(query, "from", from);
        append(query, "to", to);
        ServerClient client = server.client();
        HttpResponse<InputStream> response =
                client.stream(HttpRequest.newBuilder(client.channelUri(channel, query.toString()))
                        .GET()
                        .build());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new FlowsException("exporting channel '" + channel + "' was refused (" + response.statusCode()
                        + "): "
                        + client.problem(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8))
                                .detail());
            }
            Path absolute = output.toAbsolutePath();
            Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
            long bytes = Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine()
                    .getOut()
                    .printf("exported channel %s as %s to %s (%d bytes)%n", channel, format, output, bytes);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private void append(StringBuilder query, String name, String time) {
        if (time == null) {
            return;
        }
        try {
            Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--" + name + " '" + time + "' is not a time; use ISO-8601 in UTC such as 2026-01-01T00:00:00Z");
        }
        query.append('&').append(name).append('=').append(URLEncoder.encode(time, StandardCharsets.UTF_8));
    }
}
