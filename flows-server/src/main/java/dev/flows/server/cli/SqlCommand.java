package dev.flows.server.cli;

import dev.flows.api.error.FlowsException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code flows sql "select type, count(*) from channel('shop') group by 1"}: runs read-only SQL over channels'
 * history on a running server ({@code POST /sql}) and prints the rows as a table, JSON or CSV.
 */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = "Run read-only SQL (DuckDB) over channels' history; channel('name') is a channel's records with"
                + " columns partition, offset, appended_at, id, source, type, subject, time, datacontenttype, data"
                + " (JSON: data->>'amount'), extensions and event.")
final class SqlCommand implements Callable<Integer> {

    /** How the rows are printed. */
    enum Format {
        table,
        json,
        csv
    }

    @Parameters(
            index = "0",
            paramLabel = "SQL",
            description = "One SELECT, such as \"select count(*) from channel('shop')\".")
    String sql;

    @Option(names = "--limit", paramLabel = "N", description = "The most rows to return (the server's default: 10000).")
    Integer limit;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long the query may run, such as 60s (the server's default: 30s).")
    Duration timeout;

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table (default), json (the server's answer) or csv.")
    Format format;

    @Mixin
    ServerOption server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServerClient client = server.client();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sql", sql);
        if (limit != null) {
            body.put("limit", limit);
        }
        if (timeout != null) {
            body.put("timeout_ms", timeout.toMillis());
        }
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("sql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client.json().writeValueAsString(body)))
                .build());
        if (response.statusCode() != 200) {
            throw new FlowsException("the query was refused (" + response.statusCode() + "): "
                    + client.problem(response.statusCode(), response.body()).detail());
        }
        JsonNode answer = client.json().readTree(response.body());
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> out.println(response.body());
            case csv -> ResultText.csv(answer, out);
            case table -> ResultText.table(answer, out);
        }
        out.flush();
        return 0;
    }
}
