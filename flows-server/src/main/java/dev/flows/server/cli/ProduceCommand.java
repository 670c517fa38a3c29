package dev.flows.server.cli;

import static dev.flows.api.event.Event.PARTITION_KEY;

import dev.flows.api.error.FlowsException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code flows produce CHANNEL}: one JSON value per stdin line. A line that is a CloudEvent (it has
 * {@code specversion}) is sent as it is; any other JSON value becomes the data of a new event with the given
 * type and source and a random id. {@code --key} and {@code --header} set extension attributes on every
 * event, CloudEvent lines included. Lines go in batches, each acknowledged once durable.
 */
@Command(name = "produce", mixinStandardHelpOptions = true, description = "Send JSON lines from stdin to CHANNEL.")
final class ProduceCommand implements Callable<Integer> {

    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,64}");
    private static final Set<String> RESERVED = Set.of("specversion", "data", "data_base64", PARTITION_KEY);

    @Parameters(index = "0", paramLabel = "CHANNEL")
    String channel;

    @Mixin
    ServerOption server;

    @Option(
            names = "--type",
            defaultValue = "flows.cli",
            description = "Type of events made from plain JSON lines (default ${DEFAULT-VALUE}).")
    String type;

    @Option(
            names = "--source",
            defaultValue = "flows-cli",
            description = "Source of events made from plain JSON lines (default ${DEFAULT-VALUE}).")
    String source;

    @Option(
            names = "--key",
            paramLabel = "KEY",
            description = "Partition key of every event (its partitionkey extension): events with one key keep"
                    + " their order.")
    String key;

    @Option(
            names = "--header",
            paramLabel = "NAME=VALUE",
            description = "Extension attribute of every event (repeatable), e.g. --header tenant=acme.")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--batch", defaultValue = "100", description = "Lines per request (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServerClient client = server.client();
        checkHeaders();
        var reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<String> events = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        long produced = 0;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            events.add(toEvent(client, line, lineNumber));
            lineNumbers.add(lineNumber);
            if (events.size() == batchSize) {
                produced += send(client, events, lineNumbers);
            }
        }
        produced += send(client, events, lineNumbers);
        spec.commandLine().getErr().printf("produced %d event(s) to %s%n", produced, channel);
        return 0;
    }

    private String toEvent(ServerClient client, String line, int lineNumber) {
        JsonNode value;
        try {
            value = client.json().readTree(line);
        } catch (JacksonException e) {
            throw new FlowsException("stdin line " + lineNumber + " is not JSON (" + e.getOriginalMessage()
                    + "); send one JSON value, or one CloudEvent, per line");
        }
        ObjectNode event;
        if (value.isObject() && value.has("specversion")) {
            if (key == null && headers.isEmpty()) {
                return line;
            }
            event = (ObjectNode) value;
        } else {
            event = client.json().createObjectNode();
            event.put("specversion", "1.0");
            event.put("id", UUID.randomUUID().toString());
            event.put("source", source);
            event.put("type", type);
            event.set("data", value);
        }
        headers.forEach(event::put);
        if (key != null) {
            event.put(PARTITION_KEY, key);
        }
        return client.json().writeValueAsString(event);
    }

    /** Extension names per the CloudEvents spec, and none that would replace the event's data or version. */
    private void checkHeaders() {
        for (String name : headers.keySet()) {
            if (!EXTENSION_NAME.matcher(name).matches() || RESERVED.contains(name)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--header " + name + "=... does not name an extension attribute; use lower-case letters"
                                + " and digits (e.g. --header tenant=acme), not one of " + RESERVED
                                + ", and --key for the partition key");
            }
        }
    }

    private int send(ServerClient client, List<String> events, List<Integer> lineNumbers) throws InterruptedException {
        if (events.isEmpty()) {
            return 0;
        }
        HttpRequest request = HttpRequest.newBuilder(client.channelUri(channel, "/events"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", events) + "]"))
                .build();
        HttpResponse<String> response = client.send(request);
        if (response.statusCode() / 100 != 2) {
            ServerClient.ProblemAnswer problem = client.problem(response.statusCode(), response.body());
            throw new FlowsException(where(problem.pointer(), lineNumbers) + problem.detail());
        }
        int sent = events.size();
        events.clear();
        lineNumbers.clear();
        return sent;
    }

    /** "stdin line N: " for a problem the server located at /index/... in the batch. */
    private static String where(String pointer, List<Integer> lineNumbers) {
        if (pointer == null || !pointer.matches("/\\d+(/.*)?")) {
            return "";
        }
        int index = Integer.parseInt(pointer.substring(1).split("/", 2)[0]);
        return index < lineNumbers.size() ? "stdin line " + lineNumbers.get(index) + ": " : "";
    }
}
