package dev.flows.bench.w5;

import dev.flows.api.channel.Durability;
import dev.flows.api.error.FlowsException;
import dev.flows.api.error.StorageException;
import dev.flows.server.FlowsServer;
import dev.flows.server.ServerConfig;
import dev.flows.server.auth.ApiTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Flows server, in this process, for one W5 mode: the HTTP API on 127.0.0.1 at a free port, every channel
 * in {@code fsync} durability, flows and data under a directory the caller owns. Declares the measured channel
 * {@value #CHANNEL} and the warm-up's own channel {@value #WARMUP_CHANNEL}, 4 partitions each, so the timed
 * pass's count is exact. Not thread-safe.
 */
final class IngestServer implements AutoCloseable {

    static final String CHANNEL = "shop";
    static final String WARMUP_CHANNEL = "warmup";

    private final FlowsServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private IngestServer(FlowsServer server) {
        this.server = server;
    }

    /** Starts a server keeping its flow file in {@code directory/flows} and its data in {@code directory/data}. */
    static IngestServer start(Path directory, int partitions) {
        Path flows = directory.resolve("flows");
        try {
            Files.createDirectories(flows);
            Files.writeString(flows.resolve("channels.yaml"), channels(partitions));
        } catch (IOException e) {
            throw new StorageException("could not write W5's flow directory " + flows + ": " + e, e);
        }
        ServerConfig config = new ServerConfig(
                flows, directory.resolve("data"), "127.0.0.1", 0, Durability.FSYNC, 1L << 20, ApiTokens.NONE);
        return new IngestServer(FlowsServer.start(config));
    }

    /** Where to post events to {@code channel}. */
    URI events(String channel) {
        return uri("/channels/" + channel + "/events");
    }

    /**
     * The number of events {@code channel} holds, as the server tells it: the sum of its partitions' end offsets
     * in {@code GET /channels}.
     */
    long stored(String channel) {
        JsonNode channels = json.readTree(get(uri("/channels"))).get("channels");
        for (JsonNode node : channels) {
            if (node.get("name").asString().equals(channel)) {
                long sum = 0;
                for (JsonNode end : node.get("endOffsets")) {
                    sum += end.asLong();
                }
                return sum;
            }
        }
        throw new FlowsException("GET /channels does not list the channel '" + channel + "' W5 declared");
    }

    @Override
    public void close() {
        http.close();
        server.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private String get(URI uri) {
        try {
            HttpResponse<String> response =
                    http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new FlowsException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new FlowsException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowsException("interrupted while asking " + uri, e);
        }
    }

    private static String channels(int partitions) {
        return "# W5: the measured channel and the warm-up's, both acknowledged only once on disk.\n"
                + "channels:\n"
                + "  - name: " + CHANNEL + "\n"
                + "    partitions: " + partitions + "\n"
                + "  - name: " + WARMUP_CHANNEL + "\n"
                + "    partitions: " + partitions + "\n";
    }
}
