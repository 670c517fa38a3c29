package dev.flows.engine.definition;

import dev.flows.api.flow.ChannelDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a {@code channels:} document: a list whose items are a channel name ({@code - orders}, one
 * partition) or a map ({@code - name: shop} with optional {@code partitions: 4}, from 1 to 1024, the
 * settings {@link ChannelPolicyReader} reads and the ingest checks {@link IngestPolicyReader} reads). A channel
 * with bad partitions is still declared, with one partition, so that flows using it are not reported too.
 * Not thread-safe.
 */
final class ChannelsReader {

    static final int MAX_PARTITIONS = 1024;

    private final YamlFile file;

    ChannelsReader(YamlFile file) {
        this.file = file;
    }

    List<ChannelDefinition> read(MapFields document) {
        Node value = document.value("channels").orElseThrow();
        List<ChannelDefinition> channels = new ArrayList<>();
        if (YamlFile.isNull(value)) {
            file.problem(value, "'channels' is empty; list the channels, e.g. - name: shop");
            return channels;
        }
        Optional<SequenceNode> list =
                file.list(value, "'channels' must be a list of channels, each starting with '- '", "- name: shop");
        list.ifPresent(items -> items.getValue().forEach(item -> channel(item).ifPresent(channels::add)));
        return channels;
    }

    private Optional<ChannelDefinition> channel(Node item) {
        if (item instanceof ScalarNode && !YamlFile.isNull(item)) {
            return file.text(item, "a channel must be a name", "- orders").flatMap(name -> named(item, name, 1));
        }
        Optional<MappingNode> map =
                file.map(item, "a channel must be a name or a map with name and partitions", "- name: shop");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.CHANNEL);
        int partitions = fields.value("partitions").map(this::partitions).orElse(1);
        return fields.required("name", "a channel needs a 'name', e.g. - name: shop")
                .flatMap(name -> file.text(name, "a channel's 'name' must be a name", "name: shop")
                        .flatMap(text -> named(name, text, partitions)))
                .map(channel -> new ChannelDefinition(
                        channel.name(),
                        channel.partitions(),
                        new ChannelPolicyReader(file).read(fields),
                        new IngestPolicyReader(file).read(fields),
                        file.at(item)));
    }

    private Optional<ChannelDefinition> named(Node node, String name, int partitions) {
        Optional<String> problem = Names.check("channel name", name, "shop.orders");
        if (problem.isPresent()) {
            file.problem(node, problem.get());
            return Optional.empty();
        }
        if (name.startsWith(Names.RESERVED_PREFIX)) {
            file.problem(
                    node,
                    "channel name '" + name + "' is reserved: names starting with '"
                            + Names.RESERVED_PREFIX + "' belong to Flows' own channels (such as "
                            + ChannelDefinition.DEAD_LETTER + ", always declared); choose another name");
            return Optional.empty();
        }
        return Optional.of(new ChannelDefinition(name, partitions, file.at(node)));
    }

    private int partitions(Node node) {
        String expected = "partitions must be a whole number from 1 to " + MAX_PARTITIONS;
        Optional<String> text = file.text(node, expected, "partitions: 4");
        if (text.isEmpty()) {
            return 1;
        }
        try {
            int partitions = Integer.parseInt(text.get().strip());
            if (partitions >= 1 && partitions <= MAX_PARTITIONS) {
                return partitions;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value as written
        }
        file.problem(node, expected + ", found '" + text.get() + "'");
        return 1;
    }
}
