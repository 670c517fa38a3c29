package dev.flows.server.http;

import dev.flows.server.push.Outlet;
import io.javalin.http.sse.SseClient;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push notifications as Server-Sent Events: each one a message whose {@code id:} is the subscriber's cursor and
 * whose {@code data:} is the CloudEvent as stored; heartbeats are SSE comments, which EventSource ignores. A
 * write blocks while the client is slow. Used under the subscription's lock.
 */
final class SsePushOutlet implements Outlet {

    private static final Logger LOG = LoggerFactory.getLogger(SsePushOutlet.class);

    private final SseClient client;

    SsePushOutlet(SseClient client) {
        this.client = client;
    }

    @Override
    public boolean send(String id, byte[] event) {
        if (client.terminated()) {
            return false;
        }
        client.sendData(new String(event, StandardCharsets.UTF_8), id);
        return !client.terminated();
    }

    @Override
    public boolean heartbeat() {
        if (client.terminated()) {
            return false;
        }
        client.sendComment("heartbeat");
        return !client.terminated();
    }

    @Override
    public void end() {
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.debug("closing a push SSE response failed: {}", e.getMessage());
        }
    }
}
