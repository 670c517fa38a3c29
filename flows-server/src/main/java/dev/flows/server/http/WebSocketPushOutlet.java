package dev.flows.server.http;

import dev.flows.server.push.Outlet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * Push notifications over a WebSocket: each one a text message {@code {"id": "<cursor>", "event": {...}}};
 * heartbeats are pings. Jetty sends asynchronously and would queue without limit, so at most {@value
 * #MAX_IN_FLIGHT} messages are outstanding per subscriber: a send beyond waits for the client to take one,
 * which holds back the subscription's readers (backpressure) instead of growing memory. Used under the
 * subscription's lock, except {@link #end}.
 */
final class WebSocketPushOutlet implements Outlet {

    static final int MAX_IN_FLIGHT = 64;
    private static final long WAIT_MS = 250;

    private final Session session;
    private final Semaphore window = new Semaphore(MAX_IN_FLIGHT);
    private volatile boolean ended;

    WebSocketPushOutlet(Session session) {
        this.session = session;
    }

    @Override
    public boolean send(String id, byte[] event) throws InterruptedException {
        String message = "{\"id\":\"" + id + "\",\"event\":" + new String(event, StandardCharsets.UTF_8) + "}";
        while (!window.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS)) {
            if (ended || !session.isOpen()) {
                return false;
            }
        }
        if (ended || !session.isOpen()) {
            window.release();
            return false;
        }
        session.sendText(message, Callback.from(window::release, failure -> window.release()));
        return true;
    }

    @Override
    public boolean heartbeat() {
        if (ended || !session.isOpen()) {
            return false;
        }
        session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        return true;
    }

    @Override
    public void end() {
        ended = true;
        if (session.isOpen()) {
            session.close(
                    StatusCode.SHUTDOWN,
                    "subscription ended; reconnect with ?after=<last id> to resume",
                    Callback.NOOP);
        }
    }
}
