package dev.flows.server.http;

import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.sink.DeliveryAttempt;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import dev.flows.server.delivery.DeliveryRecords;
import dev.flows.server.delivery.Redrive;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Notifications for operators: {@code GET /deliveries?flow=F&status=gave-up&limit=N} (delivery attempts, newest
 * first, from the {@code flows.deliveries} channel) and {@code POST /flows/{flow}/redrive} (sends the flow's
 * given-up notifications again). Both are for admins: records name receivers, and a redrive acts on them.
 */
final class DeliveryRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final ChannelBackend channels;
    private final JsonEventFormat format;
    private final Redrive redrive;

    /** @param redrive null when this server cannot redrive (then the route says so) */
    DeliveryRoutes(ChannelBackend channels, JsonEventFormat format, Redrive redrive) {
        this.channels = channels;
        this.format = format;
        this.redrive = redrive;
    }

    void register(RoutesConfig routes) {
        routes.get("/deliveries", this::list, Access.anyName(Verb.ADMIN));
        routes.post("/flows/{flow}/redrive", this::redrive, Access.anyName(Verb.ADMIN));
    }

    private void list(Context ctx) {
        Optional<String> flow = Optional.ofNullable(ctx.queryParam("flow")).filter(f -> !f.isBlank());
        Optional<DeliveryAttempt.Status> status = status(ctx.queryParam("status"));
        int limit = (int) QueryParameters.longParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<Map<String, Object>> records = channels.find(ChannelDefinition.DELIVERIES)
                .map(channel -> new DeliveryRecords(channel, format).newest(flow, status, limit))
                .orElse(List.of());
        ctx.json(Map.of("deliveries", records));
    }

    private static Optional<DeliveryAttempt.Status> status(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(DeliveryAttempt.Status.ofText(raw)
                .orElseThrow(() -> ApiException.badRequest(
                        "invalid-parameter",
                        "query parameter 'status' is '" + raw + "'; use one of "
                                + Arrays.stream(DeliveryAttempt.Status.values())
                                        .map(DeliveryAttempt.Status::text)
                                        .collect(Collectors.joining(", "))
                                + ", or leave it out for all")));
    }

    private void redrive(Context ctx) throws InterruptedException {
        String flow = ctx.pathParam("flow");
        if (redrive == null) {
            throw ApiException.conflict(
                    "redrive-unavailable", "this server was built without redrive; run `flows run` to redrive");
        }
        Redrive.Result result = redrive.redrive(flow)
                .orElseThrow(() -> ApiException.notFound(
                        "no-such-flow", "there is no flow '" + flow + "'; GET /flows lists the running flows"));
        ctx.json(result);
    }
}
