package dev.flows.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client for the HTTP API in tests: real requests over loopback, answers as JSON trees. */
final class Api {

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;

    Api(int port) {
        this.port = port;
    }

    /** An answer: status, content type and body. */
    record Answer(int status, String contentType, String body, JsonNode json) {}

    URI uri(String path) {
        return uriOf(port, path);
    }

    static URI uriOf(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Answer post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpClient http() {
        return http;
    }

    JsonMapper json() {
        return json;
    }

    /** The number of events stored in a channel, over all partitions, per GET /channels. */
    long events(String channel) {
        for (JsonNode node : get("/channels").json().get("channels")) {
            if (node.get("name").asString().equals(channel)) {
                return node.get("events").asLong();
            }
        }
        throw new AssertionError("no channel " + channel + " in GET /channels");
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode tree = type.contains("json") && !response.body().isEmpty() ? json.readTree(response.body()) : null;
            return new Answer(response.statusCode(), type, response.body(), tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String event(String id, String type, String subject, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/test\",\"type\":\"" + type
                + "\",\"subject\":\"" + subject + "\",\"data\":" + data + "}";
    }

    static String order(String id, String user, String order, double amount) {
        return event(
                id,
                "shop.order.placed",
                user,
                "{\"user\":\"" + user + "\",\"order\":\"" + order + "\",\"amount\":" + amount + "}");
    }
}
