package dev.flows.engine.definition;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a {@code push:} destination: a map with {@code channel} (the channel subscribers read) and an optional
 * {@code user} (CEL giving the one subscriber the event is for), or a channel name alone, which pushes to every
 * subscriber. The channel name's own position goes to the file's reference locations, so that an undeclared
 * channel is reported where it is written. Not thread-safe.
 */
final class PushReader {

    private static final String EXAMPLE = "push: { channel: notifications, user: data.user }";

    private final YamlFile file;

    PushReader(YamlFile file) {
        this.file = file;
    }

    Optional<Destination> read(Node item, Node value) {
        if (value instanceof ScalarNode && !YamlFile.isNull(value)) {
            return channel(value).map(name -> located(new Destination.ToPush(name, null, file.at(item)), value));
        }
        Optional<MappingNode> map = file.map(
                value, "'push' must be a map with channel and optionally user, or a channel name alone", EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.PUSH);
        Optional<Node> channelNode = fields.required(
                "channel", "a push destination needs a 'channel', the channel subscribers read, e.g. " + EXAMPLE);
        Optional<String> channel = channelNode.flatMap(this::channel);
        Optional<Node> userNode = fields.value("user");
        Optional<Expression> user = userNode.flatMap(node -> file.expression(
                node,
                "a push destination's 'user' must be a CEL expression giving the subscriber's id",
                "user: data.user"));
        if (channel.isEmpty() || (userNode.isPresent() && user.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(
                located(new Destination.ToPush(channel.get(), user.orElse(null), file.at(item)), channelNode.get()));
    }

    private Optional<String> channel(Node node) {
        return file.text(node, "a push destination's 'channel' must be a channel name", "channel: notifications")
                .filter(name -> validName(node, name));
    }

    private Destination located(Destination push, Node channelNode) {
        file.references().put(push, ReferenceLocations.Part.CHANNEL, file.at(channelNode));
        return push;
    }

    private boolean validName(Node node, String name) {
        Optional<String> problem = Names.check("channel name", name, "notifications");
        problem.ifPresent(message -> file.problem(node, message));
        return problem.isEmpty();
    }
}
