package dev.flows.server.cli;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.error.FlowsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CLI's view of a running Flows server: requests, and server problems turned into clear errors. */
final class ServerClient {

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    /** A client of the server at that URL, sending the bearer token when it is not null. */
    ServerClient(String server, String token) {
        this.token = token == null || token.isBlank() ? null : token.strip();
        try {
            this.base = URI.create(server.endsWith("/") ? server : server + "/");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--server '" + server + "' is not a URL; use e.g. http://127.0.0.1:8080");
        }
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    JsonMapper json() {
        return json;
    }

    /** The URI of {@code path}, relative to the server URL. */
    URI uri(String path) {
        return base.resolve(path);
    }

    URI channelUri(String channel, String rest) {
        return base.resolve("channels/" + URLEncoder.encode(channel, StandardCharsets.UTF_8) + rest);
    }

    /**
     * GETs {@code path} (relative to the server URL) and reads the JSON answer; a problem answer becomes a
     * {@link FlowsException} that says what the server said.
     */
    JsonNode getJson(String path) throws InterruptedException {
        URI uri = base.resolve(path);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).GET().build());
        if (response.statusCode() != 200) {
            throw new FlowsException("GET " + uri + " answered " + response.statusCode() + ": "
                    + problem(response.statusCode(), response.body()).detail());
        }
        return json.readTree(response.body());
    }

    /**
     * POSTs to {@code path} (relative to the server URL) without a body and reads the JSON answer; a problem
     * answer becomes a {@link FlowsException} that says what the server said.
     */
    JsonNode postJson(String path) throws InterruptedException {
        URI uri = base.resolve(path);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        if (response.statusCode() != 200) {
            throw new FlowsException("POST " + uri + " answered " + response.statusCode() + ": "
                    + problem(response.statusCode(), response.body()).detail());
        }
        return json.readTree(response.body());
    }

    /**
     * POSTs a JSON body to {@code path} (relative to the server URL) and reads the JSON answer; any 2xx is
     * success, a problem answer becomes a {@link FlowsException} that says what the server said.
     */
    JsonNode postJson(String path, String body) throws InterruptedException {
        URI uri = base.resolve(path);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        if (response.statusCode() / 100 != 2) {
            throw new FlowsException("POST " + uri + " answered " + response.statusCode() + ": "
                    + problem(response.statusCode(), response.body()).detail());
        }
        return json.readTree(response.body());
    }

    HttpResponse<String> send(HttpRequest request) throws InterruptedException {
        try {
            return http.send(authorized(request), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    HttpResponse<InputStream> stream(HttpRequest request) throws InterruptedException {
        try {
            return http.send(authorized(request), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The request with the token, when there is one: every request goes through here. */
    private HttpRequest authorized(HttpRequest request) {
        if (token == null) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + token)
                .build();
    }

    /** The problem document's detail (and JSON pointer) of a failed response, as one line. */
    ProblemAnswer problem(int status, String body) {
        try {
            JsonNode node = json.readTree(body);
            String detail = node.path("detail").asString(body);
            String pointer = node.path("pointer").asString(null);
            return new ProblemAnswer(status, detail, pointer);
        } catch (RuntimeException e) {
            return new ProblemAnswer(status, body, null);
        }
    }

    private FlowsException unreachable(IOException e) {
        return new ConfigurationException(
                "cannot reach flows at " + base + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + "); is `flows run` running there? Point at it with --server or FLOWS_SERVER");
    }

    /** A problem the server answered with. */
    record ProblemAnswer(int status, String detail, String pointer) {}
}
