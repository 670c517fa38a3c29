package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.flow.IngestPolicy;
import dev.flows.server.auth.Access;
import dev.flows.server.push.Outlet;
import dev.flows.server.push.PushCursor;
import dev.flows.server.push.PushSubscription;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push notifications to browsers and apps: {@code GET /push/{name}/events} (Server-Sent Events) and {@code GET
 * /push/{name}/ws} (WebSocket), each with {@code ?user=U}. A subscriber gets the notifications of channel
 * {@code name} addressed to its user and those addressed to no one, each with an id to resume after
 * ({@link PushPosition}); who may subscribe as whom is {@link PushAccess}'s decision, made before the stream
 * starts so that a refusal is a plain problem document. The routes are public: the token-or-signature check
 * is theirs. Thread-safe.
 */
final class PushRoutes implements AutoCloseable {

    /** How often an idle connection gets a heartbeat: below the 30 to 60 s after which proxies drop one. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(PushRoutes.class);
    private static final String EVENTS = "/push/{name}/events";
    private static final String WEBSOCKET = "/push/{name}/ws";
    private static final String ADMITTED = "flows.push.admitted";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** A subscriber let in: the channel, as whom (null: broadcasts only), and from where. */
    private record Admission(Channel channel, String user, PushCursor cursor) {}

    private final ChannelResolver channels;
    private final Map<String, IngestPolicy> policies;
    private final PushAccess access;
    private final Duration heartbeat;
    private final Set<PushSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Map<WsContext, PushSubscription> sockets = new ConcurrentHashMap<>();

    PushRoutes(ChannelBackend backend, Map<String, IngestPolicy> policies, PushAccess access, Duration heartbeat) {
        this.channels = new ChannelResolver(backend);
        this.policies = policies;
        this.access = access;
        this.heartbeat = heartbeat;
    }

    void register(RoutesConfig routes) {
        routes.before(EVENTS, ctx -> ctx.attribute(ADMITTED, admit(ctx)));
        routes.sse(EVENTS, this::subscribe, Access.PUBLIC);
        routes.wsBeforeUpgrade(WEBSOCKET, ctx -> ctx.attribute(ADMITTED, admit(ctx)));
        routes.ws(
                WEBSOCKET,
                ws -> {
                    ws.onConnect(this::connect);
                    ws.onClose(this::disconnect);
                    ws.onError(this::disconnect);
                },
                Access.PUBLIC);
    }

    /** Who subscribes from where, or the refusal (403, 404, 400) as an exception. */
    private Admission admit(Context ctx) {
        String name = ctx.pathParam("name");
        String user = access.admit(ctx, name);
        Channel channel = channels.require(name);
        String origin = ctx.header("Origin");
        if (origin != null) {
            if (access.open() && !PushOrigins.allowed(origin, policies.get(name))) {
                throw ApiException.forbidden(
                        "origin-not-allowed",
                        "pages of origin '" + origin + "' may not subscribe to channel '" + name
                                + "' on a server without tokens (only pages on this machine may); add the origin to"
                                + " the channel's browser origins, e.g. browser: { origins: [" + origin
                                + "] }, or run with --tokens and a --push-secret");
            }
            // With tokens the signature or token admits, whatever the page; a browser needs this to read the stream.
            ctx.header("Access-Control-Allow-Origin", access.open() ? origin : "*");
            ctx.header("Vary", "Origin");
        }
        return new Admission(channel, user, PushPosition.of(ctx, channel));
    }

    private void subscribe(SseClient client) {
        Admission admission = client.ctx().attribute(ADMITTED);
        client.keepAlive();
        PushSubscription subscription = start(admission, new SsePushOutlet(client));
        client.onClose(() -> end(subscription));
    }

    private void connect(WsConnectContext ctx) {
        Admission admission = ctx.attribute(ADMITTED);
        if (admission == null) {
            // Not expected: the upgrade is refused before when admit() throws. Fail closed all the same.
            ctx.session.close(StatusCode.POLICY_VIOLATION, "subscription not admitted", Callback.NOOP);
            return;
        }
        sockets.put(ctx, start(admission, new WebSocketPushOutlet(ctx.session)));
    }

    private void disconnect(WsContext ctx) {
        PushSubscription subscription = sockets.remove(ctx);
        if (subscription != null) {
            end(subscription);
        }
    }

    private PushSubscription start(Admission admission, Outlet outlet) {
        AtomicReference<PushSubscription> started = new AtomicReference<>();
        PushSubscription subscription = PushSubscription.start(
                admission.channel(),
                admission.user(),
                admission.cursor(),
                outlet,
                heartbeat,
                () -> forget(started.get()));
        started.set(subscription);
        subscriptions.add(subscription);
        if (!subscription.open()) {
            forget(subscription); // it stopped before it was listed
        }
        return subscription;
    }

    private void forget(PushSubscription subscription) {
        if (subscription != null) {
            subscriptions.remove(subscription);
        }
    }

    private void end(PushSubscription subscription) {
        subscription.close();
    }

    /** Ends every subscription and waits a little for its readers. */
    @Override
    public void close() {
        for (PushSubscription subscription : List.copyOf(subscriptions)) {
            try {
                if (!subscription.closeAndAwait(CLOSE_WAIT)) {
                    LOG.warn("a push subscriber did not let go within {}; stopping without it", CLOSE_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        subscriptions.clear();
    }
}
