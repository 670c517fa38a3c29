package dev.flows.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client for tests, on java.net.http as a browser's EventSource would read the stream: it
 * parses {@code id:}, {@code event:} and {@code data:} lines into messages on a reader thread, skips comments,
 * and {@link #close} drops the connection.
 */
final class ChangeStream implements AutoCloseable {

    /** One SSE message; {@code event} is {@code message} unless the server named it. */
    record Message(String id, String event, String data) {}

    private static final Message END = new Message(null, "end", null);

    private final InputStream body;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

    private ChangeStream(InputStream body) {
        this.body = body;
        Thread.ofVirtual().name("sse-test-reader").start(this::read);
    }

    /** Opens the stream, asserting that the server answered 200 with an event stream. */
    static ChangeStream open(HttpClient http, URI uri, String lastEventId) throws Exception {
        HttpResponse<InputStream> response = send(http, uri, lastEventId);
        assertThat(response.statusCode()).as("status of GET %s", uri).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        return new ChangeStream(response.body());
    }

    /** Sends the request of a stream and returns the answer as it is, for answers that are not a stream. */
    static HttpResponse<InputStream> send(HttpClient http, URI uri, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The next {@code count} messages, each within ten seconds. */
    List<Message> next(int count) throws InterruptedException {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message)
                    .as("message %d of %d (got %s)", i + 1, count, received)
                    .isNotNull();
            assertThat(message)
                    .as("message %d of %d: the stream ended (got %s)", i + 1, count, received)
                    .isNotSameAs(END);
            received.add(message);
        }
        return received;
    }

    /** Whether no message arrives within {@code wait}. */
    boolean quietFor(Duration wait) throws InterruptedException {
        Message message = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        return message == null;
    }

    /** Whether the server ends the stream within ten seconds, after any messages still queued. */
    boolean ends() throws InterruptedException {
        for (Message message = messages.poll(10, TimeUnit.SECONDS);
                message != null;
                message = messages.poll(10, TimeUnit.SECONDS)) {
            if (message == END) {
                return true;
            }
        }
        return false;
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = "message";
            StringBuilder data = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        messages.add(new Message(id, event, data.toString()));
                    }
                    event = "message";
                    data = null;
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    event = value(line);
                } else if (line.startsWith("data:")) {
                    data = data == null
                            ? new StringBuilder(value(line))
                            : data.append('\n').append(value(line));
                }
            }
        } catch (IOException e) {
            // closed by the test or by the server: the stream ended
        } finally {
            messages.add(END);
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    /** Drops the connection, as a client that goes away does. */
    @Override
    public void close() throws IOException {
        body.close();
    }
}
