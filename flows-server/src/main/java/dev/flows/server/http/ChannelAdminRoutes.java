package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.SourceLocation;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code PUT /channels/{name}} creates a channel ({@code {"partitions": 4}}, default 1) and
 * {@code DELETE /channels/{name}} deletes one with everything in it. Channels the flow files declare, and
 * Flows' own {@code flows.*} channels, are managed there and refused here. A created channel has the default
 * policy and survives restarts.
 */
final class ChannelAdminRoutes {

    static final int MAX_PARTITIONS = 1024;

    private final ChannelBackend backend;
    private final FlowSet flows;
    private final JsonMapper json;

    ChannelAdminRoutes(ChannelBackend backend, FlowSet flows, JsonMapper json) {
        this.backend = backend;
        this.flows = flows;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.put("/channels/{name}", this::create, Access.on(Verb.ADMIN));
        routes.delete("/channels/{name}", this::delete, Access.on(Verb.ADMIN));
    }

    private void create(Context ctx) {
        String name = ctx.pathParam("name");
        refuseReserved(name, "create");
        int partitions = partitions(ctx.body());
        Optional<Channel> existing = backend.find(name);
        if (existing.isPresent() && existing.get().partitions() != partitions) {
            throw ApiException.conflict(
                    "channel-exists",
                    "channel '" + name + "' exists with " + existing.get().partitions() + " partition(s), not "
                            + partitions + ", and a channel's partition count cannot change; nothing was changed");
        }
        try {
            Channel channel = backend.open(new ChannelDefinition(name, partitions, new SourceLocation("api", 0, 0)));
            ctx.status(existing.isPresent() ? 200 : 201);
            ctx.json(Map.of("name", channel.name(), "partitions", channel.partitions(), "created", existing.isEmpty()));
        } catch (ConfigurationException e) {
            throw ApiException.badRequest("invalid-channel", e.getMessage());
        }
    }

    private void delete(Context ctx) {
        String name = ctx.pathParam("name");
        refuseReserved(name, "delete");
        for (ChannelDefinition declared : flows.channels()) {
            if (declared.name().equals(name)) {
                throw ApiException.conflict(
                        "channel-declared",
                        "channel '" + name + "' is declared in the flow files (" + where(declared.location())
                                + "); remove it there, restart, then delete it. Nothing was deleted");
            }
        }
        if (backend.find(name).isEmpty()) {
            throw ApiException.notFound(
                    "unknown-channel", "channel '" + name + "' does not exist, so nothing was deleted");
        }
        backend.delete(name);
        ctx.status(204);
    }

    private static void refuseReserved(String name, String verb) {
        if (name.startsWith("flows.")) {
            throw ApiException.conflict(
                    "channel-reserved",
                    "channel '" + name + "' belongs to Flows itself (names starting with 'flows.'), so it cannot be "
                            + verb + "d over the API; choose another name");
        }
    }

    private int partitions(String body) {
        if (body == null || body.isBlank()) {
            return 1;
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest(
                    "invalid-json",
                    "the body is not JSON (" + e.getOriginalMessage() + "); send e.g. {\"partitions\": 4}");
        }
        JsonNode partitions = node.path("partitions");
        if (node.isObject() && partitions.isMissingNode()) {
            return 1;
        }
        if (!partitions.isInt() || partitions.intValue() < 1 || partitions.intValue() > MAX_PARTITIONS) {
            throw ApiException.badRequest(
                    "invalid-partitions",
                    "'partitions' must be a whole number from 1 to " + MAX_PARTITIONS + ", found " + partitions
                            + "; send e.g. {\"partitions\": 4}");
        }
        return partitions.intValue();
    }

    private static String where(SourceLocation location) {
        return location.file() + ":" + location.line() + ":" + location.column();
    }
}
