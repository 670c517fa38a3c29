package dev.flows.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Another web site for cross-origin tests: the JDK's HTTP server on 127.0.0.1 and a port of its own (so an
 * origin other than the Flows server's), answering every GET with one HTML page.
 */
final class PageServer implements AutoCloseable {

    private final HttpServer server;
    private volatile String html = "<!doctype html><title>empty</title>";

    PageServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** This site's origin, as a browser sends it: {@code http://127.0.0.1:PORT}. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves this page from now on. */
    void serve(String page) {
        this.html = page;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
