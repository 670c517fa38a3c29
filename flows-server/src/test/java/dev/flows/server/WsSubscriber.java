package dev.flows.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client for tests, on java.net.http: whole text messages in a queue, pings counted. */
final class WsSubscriber implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile int pings;
    private WebSocket socket;

    private WsSubscriber() {}

    /**
     * Connects.
     *
     * @throws java.util.concurrent.ExecutionException when the server refuses the upgrade (its cause, a {@code
     *     WebSocketHandshakeException}, holds the answer)
     */
    static WsSubscriber open(HttpClient http, URI uri) throws Exception {
        WsSubscriber subscriber = new WsSubscriber();
        subscriber.socket =
                http.newWebSocketBuilder().buildAsync(uri, subscriber).get(10, TimeUnit.SECONDS);
        return subscriber;
    }

    /** The next whole text message; fails after {@code timeout}. */
    String next(Duration timeout) throws InterruptedException {
        String message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no WebSocket message within " + timeout);
        }
        return message;
    }

    List<String> next(int count, Duration timeout) throws InterruptedException {
        List<String> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(next(timeout));
        }
        return received;
    }

    /** Whether a message arrives within {@code wait}. */
    boolean anyMessageWithin(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    int pings() {
        return pings;
    }

    /** The close code the server sent, once it closed. */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings++;
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // the server went first; nothing left to close politely
        }
        socket.abort();
    }
}
