package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ConsumerGroup;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumer groups over HTTP: {@code GET /channels/{name}/groups/{group}} (the committed offsets) and
 * {@code POST /channels/{name}/groups/{group}/commit} with {@code {"0": 12, "1": 7}} (the next offset to read
 * per partition, durable when answered). Reading with {@code GET /channels/{name}/events?group=G} starts from
 * them.
 */
final class GroupRoutes {

    private static final String BASE = "/channels/{name}/groups/{group}";

    private final ChannelResolver channels;
    private final JsonMapper json;

    GroupRoutes(ChannelBackend backend, JsonMapper json) {
        this.channels = new ChannelResolver(backend);
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get(BASE, ctx -> ctx.json(view(group(ctx))), Access.on(Verb.CONSUME));
        routes.post(BASE + "/commit", this::commit, Access.on(Verb.CONSUME));
    }

    static ConsumerGroup group(Channel channel, String name) {
        try {
            return channel.group(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-group-name", e.getMessage());
        }
    }

    private ConsumerGroup group(Context ctx) {
        return group(channels.require(ctx.pathParam("name")), ctx.pathParam("group"));
    }

    private void commit(Context ctx) {
        Channel channel = channels.require(ctx.pathParam("name"));
        ConsumerGroup group = group(channel, ctx.pathParam("group"));
        Map<Integer, Long> offsets = offsets(ctx, channel.partitions());
        offsets.forEach(group::commit);
        ctx.json(view(group));
    }

    private Map<Integer, Long> offsets(Context ctx, int partitions) {
        String example = "; send the next offset to read per partition, e.g. {\"0\": 12, \"1\": 7}, as GET"
                + " /channels/{name}/events answers in 'next'";
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JacksonException e) {
            throw ApiException.badRequest("invalid-body", "the body is not JSON" + example);
        }
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ApiException.badRequest("invalid-body", "the body must be a non-empty JSON object" + example);
        }
        Map<Integer, Long> offsets = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            int partition;
            try {
                partition = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                partition = -1;
            }
            JsonNode offset = entry.getValue();
            if (partition < 0 || partition >= partitions || !offset.canConvertToLong() || offset.asLong() < 0) {
                throw ApiException.badRequest(
                        "invalid-body",
                        "'" + entry.getKey() + "': " + offset + " is not a partition (0 to " + (partitions - 1)
                                + ") and a non-negative offset" + example);
            }
            offsets.put(partition, offset.asLong());
        }
        return offsets;
    }

    private static Map<String, Object> view(ConsumerGroup group) {
        Map<String, Long> committed = new TreeMap<>();
        group.committed().forEach((partition, offset) -> committed.put(Integer.toString(partition), offset));
        return Map.of("group", group.name(), "committed", committed);
    }
}
