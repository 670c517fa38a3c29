package dev.flows.server.cli;

import dev.flows.api.error.FlowsException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * {@code flows consume CHANNEL --group G}: pages through the channel from the group's committed offsets and
 * commits each page after printing it, so events are printed at least once across restarts.
 */
final class GroupConsumer {

    private static final int PAGE = 500;
    private static final long IDLE_MS = 200;

    private final ServerClient client;
    private final String channel;
    private final String group;
    private final long max;
    private final ConsumeFormat format;
    private final PrintWriter out;

    GroupConsumer(ServerClient client, String channel, String group, long max, ConsumeFormat format, PrintWriter out) {
        this.client = client;
        this.channel = channel;
        this.group = group;
        this.max = max;
        this.format = format;
        this.out = out;
    }

    int run() throws InterruptedException {
        String encoded = URLEncoder.encode(group, StandardCharsets.UTF_8);
        long printed = 0;
        while (max == 0 || printed < max) {
            long limit = max == 0 ? PAGE : Math.min(PAGE, max - printed);
            JsonNode page = get("/events?group=" + encoded + "&limit=" + limit);
            JsonNode events = page.get("events");
            for (JsonNode view : events) {
                out.println(format.render(client.json(), view));
            }
            out.flush();
            printed += events.size();
            if (events.isEmpty()) {
                Thread.sleep(IDLE_MS);
            } else {
                commit("/groups/" + encoded + "/commit", page.get("next").toString());
            }
        }
        return 0;
    }

    private JsonNode get(String rest) throws InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(client.channelUri(channel, rest)).GET().build());
        return check(response);
    }

    private void commit(String rest, String next) throws InterruptedException {
        check(client.send(HttpRequest.newBuilder(client.channelUri(channel, rest))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(next))
                .build()));
    }

    private JsonNode check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new FlowsException(
                    client.problem(response.statusCode(), response.body()).detail());
        }
        return client.json().readTree(response.body());
    }
}
