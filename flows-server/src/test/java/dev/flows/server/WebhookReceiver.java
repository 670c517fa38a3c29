package dev.flows.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on loopback that records what webhooks POST to it and answers a scripted status. */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Call(String path, Map<String, List<String>> headers, String body) {}

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final Queue<Integer> next = new ConcurrentLinkedQueue<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(new Call(
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            Integer scripted = next.poll();
            exchange.sendResponseHeaders(scripted != null ? scripted : status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Call> calls() {
        return calls;
    }

    void answer(int newStatus) {
        status.set(newStatus);
    }

    /** Answers these statuses first, one per request, then what {@link #answer} set. */
    void answerFirst(int... statuses) {
        for (int scripted : statuses) {
            next.add(scripted);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
