package dev.flows.engine.definition;

import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.Durability;
import java.time.Duration;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the settings of one channel map into a {@link ChannelPolicy}, starting from
 * {@link ChannelPolicy#DEFAULT}:
 *
 * <pre>
 * - name: shop
 *   durability: fsync            # fsync | os | interval:5s
 *   segment: { bytes: 64MiB, age: 7d }
 *   retention: { age: 30d, bytes: 10GiB }
 *   compacted: false
 *   queue: { max-deliveries: 5, visibility-timeout: 30s, dead-letter: shop.dlq }
 * </pre>
 *
 * A bad value is reported and the default kept, so later checks still run. Not thread-safe.
 */
final class ChannelPolicyReader {

    static final long MIN_SEGMENT_BYTES = 1L << 10;

    private final YamlFile file;
    private final Scalars scalars;

    ChannelPolicyReader(YamlFile file) {
        this.file = file;
        this.scalars = new Scalars(file);
    }

    ChannelPolicy read(MapFields channel) {
        ChannelPolicy d = ChannelPolicy.DEFAULT;
        Durability durability =
                channel.value("durability").flatMap(this::durability).orElse(d.durability());
        Optional<MapFields> segment = channel.value("segment")
                .flatMap(node -> map(node, MapShape.SEGMENT, "segment: { bytes: 64MiB, age: 7d }"));
        long segmentBytes = segment.flatMap(s -> s.value("bytes"))
                .flatMap(node -> scalars.byteSize(node, "segment bytes", MIN_SEGMENT_BYTES))
                .orElse(d.segmentBytes());
        Duration segmentAge = segment.flatMap(s -> s.value("age"))
                .flatMap(node -> scalars.positiveDuration(node, "segment age"))
                .orElse(d.segmentAge());
        Optional<MapFields> retention = channel.value("retention")
                .flatMap(node -> map(node, MapShape.RETENTION, "retention: { age: 30d, bytes: 10GiB }"));
        Duration retentionAge = retention
                .flatMap(r -> r.value("age"))
                .flatMap(node -> scalars.positiveDuration(node, "retention age"))
                .orElse(d.retentionAge());
        long retentionBytes = retention
                .flatMap(r -> r.value("bytes"))
                .flatMap(node -> scalars.byteSize(node, "retention bytes", MIN_SEGMENT_BYTES))
                .orElse(d.retentionBytes());
        boolean compacted = channel.value("compacted")
                .flatMap(node -> scalars.bool(node, "compacted"))
                .orElse(d.compacted());
        Optional<MapFields> queue = channel.value("queue")
                .flatMap(node -> map(node, MapShape.QUEUE, "queue: { max-deliveries: 5, visibility-timeout: 30s }"));
        int maxDeliveries = queue.flatMap(q -> q.value("max-deliveries"))
                .flatMap(node -> scalars.wholeNumber(node, "max-deliveries", 1, 1000, "max-deliveries: 5"))
                .map(Long::intValue)
                .orElse(d.maxDeliveries());
        Duration visibility = queue.flatMap(q -> q.value("visibility-timeout"))
                .flatMap(node -> scalars.positiveDuration(node, "visibility-timeout"))
                .orElse(d.visibilityTimeout());
        String deadLetter = queue.flatMap(q -> q.value("dead-letter"))
                .flatMap(this::deadLetter)
                .orElse(d.deadLetter());
        return new ChannelPolicy(
                durability,
                segmentBytes,
                segmentAge,
                retentionAge,
                retentionBytes,
                compacted,
                maxDeliveries,
                visibility,
                deadLetter);
    }

    private Optional<MapFields> map(Node node, MapShape shape, String example) {
        Optional<MappingNode> map = file.map(node, shape.noun() + " must be a map; " + shape.allowed(), example);
        return map.map(m -> MapFields.read(file, m, shape));
    }

    private Optional<Durability> durability(Node node) {
        String expected = "durability must be fsync, os or interval:<duration>";
        Optional<String> text = file.text(node, expected, "durability: fsync");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().strip();
        Optional<Durability> durability = Durability.parse(value);
        if (durability.isPresent()) {
            return durability;
        }
        file.problem(node, expected + " (e.g. interval:1s), found '" + value + "'");
        return Optional.empty();
    }

    private Optional<String> deadLetter(Node node) {
        return scalars.deadLetter(node, "shop.dlq");
    }
}
