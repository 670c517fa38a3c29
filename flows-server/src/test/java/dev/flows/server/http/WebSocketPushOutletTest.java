package dev.flows.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/** The bound on a WebSocket subscriber's outstanding messages, against a session that never finishes a send. */
class WebSocketPushOutletTest {

    private final List<Callback> pending = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    /** A session whose sends stay outstanding until the test completes their callbacks. */
    private final Session session = (Session) Proxy.newProxyInstance(
            Session.class.getClassLoader(), new Class<?>[] {Session.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "sendText" -> pending.add((Callback) args[1]);
                    case "isOpen" -> {
                        return open;
                    }
                    case "close" -> open = false;
                    default -> {}
                }
                return null;
            });

    @Test
    void shouldHoldTheSenderOnceTheClientHasTheMaximumOutstanding() throws Exception {
        WebSocketPushOutlet outlet = new WebSocketPushOutlet(session);
        for (int i = 0; i < WebSocketPushOutlet.MAX_IN_FLIGHT; i++) {
            assertThat(outlet.send("0-" + i, "{}".getBytes())).isTrue();
        }

        CompletableFuture<Boolean> next = CompletableFuture.supplyAsync(() -> send(outlet, "0-64"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());
        assertThat(pending).hasSize(WebSocketPushOutlet.MAX_IN_FLIGHT);

        pending.getFirst().succeed(); // the client took one
        assertThat(next.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pending).hasSize(WebSocketPushOutlet.MAX_IN_FLIGHT + 1);
    }

    @Test
    void shouldLetAHeldSenderGoWhenTheSubscriptionEnds() throws Exception {
        WebSocketPushOutlet outlet = new WebSocketPushOutlet(session);
        for (int i = 0; i < WebSocketPushOutlet.MAX_IN_FLIGHT; i++) {
            outlet.send("0-" + i, "{}".getBytes());
        }
        CompletableFuture<Boolean> held = CompletableFuture.supplyAsync(() -> send(outlet, "0-64"));

        outlet.end();

        assertThat(held.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(open).isFalse();
    }

    private static boolean send(WebSocketPushOutlet outlet, String id) {
        try {
            return outlet.send(id, "{}".getBytes());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
