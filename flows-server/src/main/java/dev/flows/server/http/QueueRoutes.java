package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ChannelQueue;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Lease;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues over HTTP: competing consumers lease events, then ack or nack each one.
 *
 * <ul>
 *   <li>{@code POST /channels/{name}/queues/{queue}/poll?max=10&wait=5000} leases up to {@code max} events,
 *       waiting up to {@code wait} ms for the first
 *   <li>{@code POST .../ack} and {@code POST .../nack} with {@code {"partition":0,"offset":3,"deliveryCount":1}}
 *       (nack may add {@code "error"}); 409 when the lease expired and the event was delivered again
 *   <li>{@code POST .../redrive} appends the queue's dead-lettered events back to the channel
 *   <li>{@code GET /channels/{name}/queues/{queue}} the queue's counts
 * </ul>
 */
final class QueueRoutes {

    private static final String BASE = "/channels/{name}/queues/{queue}";

    private final ChannelResolver channels;
    private final JsonMapper json;

    QueueRoutes(ChannelBackend backend, JsonMapper json) {
        this.channels = new ChannelResolver(backend);
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get(BASE, ctx -> ctx.json(queue(ctx).stats()), Access.on(Verb.CONSUME));
        routes.post(BASE + "/poll", this::poll, Access.on(Verb.CONSUME));
        routes.post(BASE + "/ack", ctx -> settle(ctx, true), Access.on(Verb.CONSUME));
        routes.post(BASE + "/nack", ctx -> settle(ctx, false), Access.on(Verb.CONSUME));
        routes.post(
                BASE + "/redrive", ctx -> ctx.json(Map.of("redriven", queue(ctx).redrive())), Access.on(Verb.ADMIN));
    }

    private ChannelQueue queue(Context ctx) {
        Channel channel = channels.require(ctx.pathParam("name"));
        try {
            return channel.queue(ctx.pathParam("queue"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-queue-name", e.getMessage());
        }
    }

    private void poll(Context ctx) throws InterruptedException {
        ChannelQueue queue = queue(ctx);
        int max = (int) QueryParameters.longParam(ctx, "max", 10, 1, ChannelRoutes.MAX_LIMIT);
        long waitMs = QueryParameters.longParam(ctx, "wait", 0, 0, 30_000);
        List<LeaseView> leases = queue.poll(max, Duration.ofMillis(waitMs)).stream()
                .map(LeaseView::of)
                .toList();
        ctx.json(Map.of("leases", leases));
    }

    private void settle(Context ctx, boolean ack) {
        ChannelQueue queue = queue(ctx);
        JsonNode body = body(ctx);
        Lease lease = new Lease(
                new ChannelRecord((int) number(body, "partition"), number(body, "offset"), 0, null, null),
                (int) number(body, "deliveryCount"),
                null);
        boolean done =
                ack ? queue.ack(lease) : queue.nack(lease, body.path("error").asString("nacked over HTTP"));
        if (!done) {
            throw ApiException.conflict(
                    "stale-lease",
                    "the lease of partition " + lease.record().partition()
                            + " offset " + lease.record().offset() + " delivery " + lease.deliveryCount()
                            + " expired and the event was delivered again (or is already settled); the newer delivery"
                            + " decides, so drop this one");
        }
        ctx.json(Map.of(ack ? "acked" : "nacked", true));
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode body = json.readTree(ctx.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (JacksonException e) {
            // reported below
        }
        throw ApiException.badRequest(
                "invalid-body",
                "the body must be a JSON object such as"
                        + " {\"partition\":0,\"offset\":3,\"deliveryCount\":1}, as returned by poll");
    }

    private static long number(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.canConvertToLong() || value.asLong() < 0) {
            throw ApiException.badRequest(
                    "invalid-body",
                    "field '" + field + "' must be a non-negative whole number,"
                            + " as returned by poll, e.g. {\"partition\":0,\"offset\":3,\"deliveryCount\":1}");
        }
        return value.asLong();
    }

    /** One leased event as poll answers it. */
    record LeaseView(int partition, long offset, int deliveryCount, String expiresAt, Object event) {
        static LeaseView of(Lease lease) {
            RecordView view = RecordView.of(lease.record());
            return new LeaseView(
                    view.partition(),
                    view.offset(),
                    lease.deliveryCount(),
                    lease.expiresAt().toString(),
                    view.event());
        }
    }
}
