package dev.flows.connectors.webhook;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver on 127.0.0.1 and a free port, answering from a script (the last answer repeats) and
 * recording every request. Hanging answers wait until {@link #close()}, at most {@link #HANG_LIMIT_SECONDS} s.
 */
final class Receiver implements AutoCloseable {

    static final String PATH = "/hook";
    private static final int HANG_LIMIT_SECONDS = 5;

    /** Where an answer stops until the receiver closes. */
    enum Hang {
        NEVER,
        BEFORE_HEADERS,
        /** After the headers and the first half of the body. */
        DURING_BODY
    }

    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, String body, Hang hang) {

        static Answer of(int status) {
            return new Answer(status, Map.of(), "", Hang.NEVER);
        }

        /** Never answers, until the receiver closes. */
        static Answer silence() {
            return new Answer(200, Map.of(), "", Hang.BEFORE_HEADERS);
        }

        Answer withBody(String newBody) {
            return new Answer(status, headers, newBody, hang);
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, more, body, hang);
        }

        Answer hangingDuringBody() {
            return new Answer(status, headers, body, Hang.DURING_BODY);
        }
    }

    /** One request as the receiver saw it. */
    record Request(String method, String path, Headers headers, String body) {

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Answer> script;
    private final List<Request> requests = new ArrayList<>();

    private Receiver(List<Answer> script) throws IOException {
        this.script = List.copyOf(script);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static Receiver answering(Answer... script) throws IOException {
        return new Receiver(List.of(script));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer = record(exchange);
            if (answer.hang() == Hang.BEFORE_HEADERS) {
                awaitClose();
                return;
            }
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (answer.hang() == Hang.DURING_BODY) {
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    awaitClose();
                    return;
                }
                out.write(body);
            }
        }
    }

    private synchronized Answer record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                new Headers(exchange.getRequestHeaders()),
                body));
        return script.get(Math.min(requests.size(), script.size()) - 1);
    }

    private void awaitClose() {
        try {
            closed.await(HANG_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
