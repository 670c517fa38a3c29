package dev.flows.server;

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
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client for tests, on java.net.http: parses the stream into messages (id and data) and
 * comments on a thread of its own, so a test waits for the next one with a timeout instead of blocking.
 */
final class SseSubscriber implements AutoCloseable {

    /** One SSE message, or a comment (then {@code comment} is true and {@code data} holds its text). */
    record Message(String id, String data, boolean comment) {}

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

    private SseSubscriber(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().name("sse-subscriber").start(this::read);
        }
    }

    /** Subscribes; the answer's status tells whether the server took it. */
    static SseSubscriber open(HttpClient http, URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        return new SseSubscriber(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(10, TimeUnit.SECONDS));
    }

    int status() {
        return response.statusCode();
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** The answer's body, for a refused subscription. */
    String body() throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The next message, skipping comments; fails after {@code timeout}. */
    Message next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Message message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no SSE message within " + timeout);
            }
            if (!message.comment()) {
                return message;
            }
        }
    }

    /** The next {@code count} messages. */
    List<Message> next(int count, Duration timeout) throws InterruptedException {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(next(timeout));
        }
        return received;
    }

    /** The next comment, skipping messages; null when none comes within {@code timeout}. */
    Message nextComment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message != null && message.comment()) {
                return message;
            }
        }
        return null;
    }

    /** Whether a message (not a comment) arrives within {@code wait}. */
    boolean anyMessageWithin(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message != null && !message.comment()) {
                return true;
            }
        }
        return false;
    }

    private void read() {
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        messages.add(new Message(id, data.toString(), false));
                    }
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    messages.add(new Message(null, line.substring(1).strip(), true));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5).strip();
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                }
            }
        } catch (IOException e) {
            // closed by the test or the server: no more messages
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
