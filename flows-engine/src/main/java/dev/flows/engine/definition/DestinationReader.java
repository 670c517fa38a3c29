package dev.flows.engine.definition;

import dev.flows.api.flow.DatabaseKind;
import dev.flows.api.flow.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads destinations: a {@code to} value that is a list of destinations or a single one, each a map with
 * exactly one of {@code channel} (a channel name), {@code table}, {@code webhook}, {@code email}, {@code push},
 * {@code postgres} or {@code mariadb}. Each destination is
 * located where its map starts; a channel name's own position goes to the file's reference locations.
 * Not thread-safe.
 */
final class DestinationReader {

    private static final String EXAMPLE = "- channel: orders";

    private final YamlFile file;
    private final TableReader tables;
    private final WebhookReader webhooks;
    private final DatabaseReader databases;
    private final EmailReader emails;
    private final PushReader pushes;

    DestinationReader(YamlFile file) {
        this.file = file;
        this.tables = new TableReader(file);
        this.webhooks = new WebhookReader(file);
        this.databases = new DatabaseReader(file);
        this.emails = new EmailReader(file);
        this.pushes = new PushReader(file);
    }

    /**
     * The destinations of a {@code to} value; nothing written gives none.
     *
     * @param owner how messages name the {@code to}, e.g. {@code a flow's 'to'}
     */
    List<Destination> list(Node node, String owner) {
        List<Destination> destinations = new ArrayList<>();
        if (YamlFile.isNull(node)) {
            return destinations;
        }
        if (node instanceof MappingNode) {
            one(node).ifPresent(destinations::add);
            return destinations;
        }
        Optional<SequenceNode> list = file.list(node, owner + " must be a list of destinations", EXAMPLE);
        list.ifPresent(items -> items.getValue().forEach(item -> one(item).ifPresent(destinations::add)));
        return destinations;
    }

    private Optional<Destination> one(Node item) {
        Optional<MappingNode> map = file.map(
                item,
                "a destination must be a map with one of channel, table, webhook, email, push, postgres, mariadb",
                EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.DESTINATION);
        return fields.onlyKey(EXAMPLE).flatMap(kind -> {
            Node value = fields.value(kind).orElseThrow();
            return switch (kind) {
                case "channel" -> channel(item, value);
                case "table" -> tables.read(item, value);
                case "email" -> emails.read(item, value);
                case "postgres" -> databases.read(item, value, DatabaseKind.POSTGRES);
                case "mariadb" -> databases.read(item, value, DatabaseKind.MARIADB);
                case "push" -> pushes.read(item, value);
                default -> webhooks.read(item, value);
            };
        });
    }

    private Optional<Destination> channel(Node item, Node value) {
        Optional<String> name = file.text(value, "'channel' must be a channel name", "channel: orders")
                .filter(text -> validName(value, text));
        return name.map(text -> {
            Destination destination = new Destination.ToChannel(text, file.at(item));
            file.references().put(destination, ReferenceLocations.Part.CHANNEL, file.at(value));
            return destination;
        });
    }

    private boolean validName(Node value, String name) {
        Optional<String> problem = Names.check("channel name", name, "orders");
        problem.ifPresent(message -> file.problem(value, message));
        return problem.isEmpty();
    }
}
