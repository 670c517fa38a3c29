package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The server stays up and unchanged under malformed input: every bad request gets a 4xx problem document, nothing is
 * appended (the end offsets do not move) and {@code /health} still answers. The requests are hand-made (truncated
 * JSON, nesting 10,000 deep, invalid UTF-8, duplicate keys, NUL bytes, huge numbers, wrong content types, a huge
 * header) and every refused input of the binary-mode fuzz corpus ({@code BinaryModeEventFuzzTestInputs}).
 */
class MalformedInputTest {

    private static final String EVENTS = "/channels/shop/events";
    private static final String CORPUS = "/dev/flows/server/http/BinaryModeEventFuzzTestInputs/decode";

    @TempDir
    Path temp;

    FlowsServer server;
    Api api;

    @BeforeEach
    void start() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), "channels:\n  - name: shop\n    partitions: 4\n");
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** One request: a name for messages, its headers and its body. */
    record BadRequest(String name, Map<String, String> headers, byte[] body) {

        static BadRequest of(String name, String contentType, String body) {
            return of(name, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        static BadRequest of(String name, String contentType, byte[] body) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            return new BadRequest(name, headers, body);
        }

        /** The same request in binary mode: valid attributes in ce-* headers, the body as the data. */
        BadRequest withCeHeaders() {
            headers.put("ce-specversion", "1.0");
            headers.put("ce-id", "b-1");
            headers.put("ce-source", "/test");
            headers.put("ce-type", "t");
            return this;
        }
    }

    private static List<BadRequest> handMade() {
        String valid = Api.order("ok", "u1", "o1", 1.0);
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        List<BadRequest> requests = new ArrayList<>();
        requests.add(BadRequest.of("truncated", Api.STRUCTURED, valid.substring(0, valid.length() / 2)));
        requests.add(BadRequest.of("truncated batch", Api.BATCH, "[" + valid + "," + valid.substring(0, 30)));
        requests.add(BadRequest.of("empty", Api.STRUCTURED, ""));
        requests.add(BadRequest.of("nested 10,000 deep in data", Api.STRUCTURED, Api.event("d", "t", "u", deep)));
        requests.add(BadRequest.of("nested 10,000 deep as the body", Api.STRUCTURED, deep));
        requests.add(BadRequest.of("batch nested 10,000 deep", Api.BATCH, deep));
        requests.add(BadRequest.of("nested 10,000 deep in binary mode", "application/json", deep)
                .withCeHeaders());
        requests.add(BadRequest.of(
                "invalid UTF-8", Api.STRUCTURED, utf8WithBytes(Api.event("x", "t", "u", "\"#\""), (byte) 0xff)));
        requests.add(BadRequest.of(
                "duplicate key", Api.STRUCTURED, valid.replace("{\"specversion\"", "{\"id\":\"a\",\"specversion\"")));
        requests.add(
                BadRequest.of("duplicate data key", Api.STRUCTURED, Api.event("x", "t", "u", "{\"a\":1,\"a\":2}")));
        requests.add(BadRequest.of("NUL in a string", Api.STRUCTURED, Api.event("x", "t", "u\u0000", "1")));
        requests.add(BadRequest.of("NUL after the event", Api.STRUCTURED, valid + "\u0000"));
        requests.add(BadRequest.of("huge number", Api.STRUCTURED, Api.event("x", "t", "u", "1e400")));
        requests.add(BadRequest.of("long digits", Api.STRUCTURED, Api.event("x", "t", "u", "9".repeat(200_000))));
        requests.add(BadRequest.of("one bad event in a batch", Api.BATCH, "[" + valid + ",{\"specversion\":\"1.0\"}]"));
        requests.add(BadRequest.of("text/plain", "text/plain", valid));
        requests.add(BadRequest.of("application/xml", "application/xml", "<event/>"));
        requests.add(BadRequest.of("no content type", null, valid));
        requests.add(BadRequest.of("batch sent as one event", Api.STRUCTURED, "[" + valid + "]"));
        requests.add(BadRequest.of("event sent as a batch", Api.BATCH, valid));
        BadRequest hugeHeader = BadRequest.of("huge header", Api.STRUCTURED, valid);
        hugeHeader.headers().put("X-Filler", "x".repeat(64 << 10));
        requests.add(hugeHeader);
        requests.add(BadRequest.of(
                "body over 1 MiB", Api.STRUCTURED, Api.event("x", "t", "u", "\"" + "x".repeat(2 << 20) + "\"")));
        return requests;
    }

    private static byte[] utf8WithBytes(String text, byte replacement) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '#') {
                bytes[i] = replacement;
            }
        }
        return bytes;
    }

    @Test
    void shouldRefuseEveryMalformedRequestWithAProblemAndAppendNothing() throws Exception {
        assertThat(api.post(
                                EVENTS,
                                Api.BATCH,
                                "[" + Api.order("a", "u1", "o1", 1.0) + "," + Api.order("b", "u2", "o2", 2.0) + "]")
                        .status())
                .isEqualTo(200);
        JsonNode before = endOffsets();
        List<BadRequest> requests = new ArrayList<>(handMade());
        requests.addAll(refusedCorpus());

        List<String> wrong = new ArrayList<>();
        for (BadRequest request : requests) {
            HttpResponse<String> response = send(request);
            String problem = problemIn(response);
            if (problem != null) {
                wrong.add(request.name() + ": " + problem);
            }
        }

        assertThat(wrong)
                .as("requests not answered with a 4xx problem document")
                .isEmpty();
        assertThat(endOffsets()).isEqualTo(before);
        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.post(EVENTS, Api.STRUCTURED, Api.order("c", "u3", "o3", 3.0))
                        .status())
                .isEqualTo(200);
    }

    /** What is wrong with an answer to a bad request, or null if it is a 4xx problem document with a detail. */
    private String problemIn(HttpResponse<String> response) {
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status < 400 || status > 499 || !type.startsWith("application/problem+json")) {
            return status + " " + type;
        }
        JsonNode problem = api.json().readTree(response.body());
        if (problem.get("status").asInt() != status
                || problem.get("detail").asString().isBlank()) {
            return status + " with the problem " + response.body();
        }
        return null;
    }

    private JsonNode endOffsets() {
        for (JsonNode channel : api.get("/channels").json().get("channels")) {
            if (channel.get("name").asString().equals("shop")) {
                return channel.get("endOffsets");
            }
        }
        throw new AssertionError("GET /channels does not list shop");
    }

    private HttpResponse<String> send(BadRequest request) throws Exception {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(api.uri(EVENTS)).POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        return api.http().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The binary-mode corpus's inputs the decoder refuses (every name not starting with {@code valid-}), as real
     * requests. Inputs whose head java.net.http cannot send (bytes beyond ASCII, control characters) are left out.
     */
    private static List<BadRequest> refusedCorpus() throws IOException, URISyntaxException {
        URL directory = MalformedInputTest.class.getResource(CORPUS);
        assertThat(directory)
                .as("the fuzz corpus " + CORPUS + " on the test class path")
                .isNotNull();
        List<BadRequest> requests = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.startsWith("valid-")) {
                    corpusRequest(name, read(file)).ifPresent(requests::add);
                }
            }
        }
        assertThat(requests).as("refused inputs in " + CORPUS).hasSizeGreaterThan(10);
        return requests;
    }

    private static byte[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request a corpus input stands for, as BinaryModeEventFuzzTest reads it; empty if it cannot be sent. */
    private static Optional<BadRequest> corpusRequest(String name, byte[] input) {
        int end = input.length;
        for (int i = 0; i + 1 < input.length; i++) {
            if (input[i] == '\n' && input[i + 1] == '\n') {
                end = i;
                break;
            }
        }
        for (int i = 0; i < end; i++) {
            if (input[i] < 0x20 && input[i] != '\n' || input[i] >= 0x7f) {
                return Optional.empty();
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : new String(input, 0, end, StandardCharsets.US_ASCII).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.substring(0, colon).isBlank()) {
                headers.put(
                        line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip());
            }
        }
        byte[] body = Arrays.copyOfRange(input, Math.min(input.length, end + 2), input.length);
        return Optional.of(new BadRequest("corpus " + name, headers, body));
    }
}
