package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits of ingest on a real server: body size (refused before it is read), JSON nesting depth, Jackson's
 * length limits; and every refusal is a problem document that stores nothing.
 */
class IngestLimitsTest {

    private static final int MAX_BODY = 1 << 20;

    @TempDir
    Path temp;

    FlowsServer server;
    Api api;

    @BeforeEach
    void start() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), "channels:\n  - shop\n");
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String withData(String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":" + data + "}";
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void shouldRefuseDataNestedDeeperThan64NamingTheLimitInEveryMode() throws Exception {
        Api.Answer ok = api.post("/channels/shop/events", Api.STRUCTURED, withData(nested(64)));
        Api.Answer structured = api.post("/channels/shop/events", Api.STRUCTURED, withData(nested(65)));
        Api.Answer batch = api.post("/channels/shop/events", Api.BATCH, "[" + withData(nested(65)) + "]");
        HttpResponse<String> binary = api.http()
                .send(
                        HttpRequest.newBuilder(api.uri("/channels/shop/events"))
                                .header("Content-Type", "application/json")
                                .header("ce-specversion", "1.0")
                                .header("ce-id", "b")
                                .header("ce-source", "/s")
                                .header("ce-type", "t")
                                .POST(HttpRequest.BodyPublishers.ofString(nested(65)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(ok.status()).isEqualTo(200);
        for (Api.Answer answer : List.of(structured, batch)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("detail").asString()).contains("more than the 64 allowed");
        }
        assertThat(binary.statusCode()).isEqualTo(400);
        assertThat(binary.body()).contains("64");
        assertThat(api.events("shop")).isEqualTo(1);
    }

    @Test
    void shouldRefuseOverlongNumbersAndNamesWith400Not500() {
        Api.Answer number = api.post("/channels/shop/events", Api.STRUCTURED, withData("1".repeat(1500)));
        Api.Answer name =
                api.post("/channels/shop/events", Api.STRUCTURED, withData("{\"" + "k".repeat(60_000) + "\":1}"));

        assertThat(number.status()).isEqualTo(400);
        assertThat(number.json().get("detail").asString()).contains("Number value length");
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.json().get("detail").asString()).contains("Name length");
        assertThat(api.events("shop")).isZero();
    }

    @Test
    void shouldAnswer413ToAnAnnouncedOversizeBodyBeforeItIsSent() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /channels/shop/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + Api.STRUCTURED
                            + "\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String answer = readAnswer(socket.getInputStream());

            assertThat(answer)
                    .startsWith("HTTP/1.1 413")
                    .contains("application/problem+json")
                    .contains("--max-body-bytes");
        }
        assertThat(api.events("shop")).isZero();
    }

    @Test
    void shouldAnswer413ToAChunkedBodyThatGrowsPastTheLimitAndStoreNothing() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /channels/shop/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + Api.BATCH
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("[" + (withData("\"" + "x".repeat(60_000) + "\"") + ",").repeat(1))
                    .getBytes(StandardCharsets.UTF_8);
            try {
                writeChunk(out, chunk);
                byte[] more = ((withData("\"" + "x".repeat(60_000) + "\"") + ",")).getBytes(StandardCharsets.UTF_8);
                for (int sent = chunk.length; sent <= MAX_BODY + more.length; sent += more.length) {
                    writeChunk(out, more);
                }
                writeChunk(out, (withData("1") + "]").getBytes(StandardCharsets.UTF_8));
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before the whole body is sent: the answer is what counts
            }

            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 413");
        }
        assertThat(api.events("shop")).isZero();
    }

    @Test
    void shouldAnswer400ToABodyCutShortOfItsLength() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /channels/shop/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + Api.STRUCTURED
                            + "\r\nContent-Length: 500\r\n\r\n{\"specversion\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();

            assertThat(readAnswer(socket.getInputStream()))
                    .startsWith("HTTP/1.1 400")
                    .contains("urn:flows:problem:incomplete-body");
        }
        assertThat(api.events("shop")).isZero();
    }

    @Test
    void shouldAnswerEveryRefusalWithAProblemDocumentAndStoreNothing() {
        List<Api.Answer> refusals = new ArrayList<>();
        refusals.add(api.post("/channels/shop/events", Api.STRUCTURED, "{\"specversion\":"));
        refusals.add(api.post("/channels/shop/events", Api.STRUCTURED, "[1]"));
        refusals.add(api.post("/channels/shop/events", Api.BATCH, "[" + withData("1") + ",{\"id\":2}]"));
        refusals.add(api.post("/channels/shop/events", "text/csv", "a,b"));
        refusals.add(api.post("/channels/nope/events", Api.STRUCTURED, withData("1")));
        refusals.add(api.post("/channels/shop/events", Api.STRUCTURED, withData("{\"a\":1,\"a\":2}")));
        refusals.add(api.post("/channels/shop/events", Api.STRUCTURED, "\u0000\u0001"));

        assertThat(refusals).extracting(Api.Answer::status).containsExactly(400, 400, 400, 415, 404, 400, 400);
        assertThat(refusals).allSatisfy(answer -> {
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("type").asString()).startsWith("urn:flows:problem:");
            assertThat(answer.json().get("detail").asString()).isNotBlank();
        });
        assertThat(api.events("shop")).isZero();
        assertThat(api.post("/channels/shop/events", Api.STRUCTURED, withData("1"))
                        .status())
                .as("the server is still up and unchanged")
                .isEqualTo(200);
    }

    private static void writeChunk(OutputStream out, byte[] chunk) throws IOException {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The status line, headers and as much body as arrives before the server closes or pauses. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.UTF_8);
                if (text.contains("\r\n\r\n") && text.trim().endsWith("}")) {
                    break;
                }
            }
        } catch (IOException e) {
            // a reset after the answer was read
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
