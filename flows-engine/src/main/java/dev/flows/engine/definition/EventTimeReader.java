package dev.flows.engine.definition;

import dev.flows.api.flow.EventTime;
import dev.flows.api.flow.Expression;
import java.time.Duration;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a flow's {@code time}: how event time and the watermark are read, for the stateful steps.
 *
 * <pre>
 * time:
 *   field: data.at         # CEL giving a timestamp or epoch milliseconds; default the event's time attribute
 *   out-of-order: 2s       # default 5s
 *   idle: 30s              # default 30s; 0s never leaves an idle partition out of the watermark
 * </pre>
 *
 * Every key is optional; a flow without {@code time} gets {@link EventTime#DEFAULT}. {@code time: processing}
 * selects processing time ({@link EventTime#PROCESSING}). A bad value is reported
 * and its default kept, so later checks still run. Not thread-safe.
 */
final class EventTimeReader {

    private static final String EXAMPLE = "time: { field: data.at, out-of-order: 2s, idle: 30s }";

    private final YamlFile file;
    private final Scalars scalars;

    EventTimeReader(YamlFile file) {
        this.file = file;
        this.scalars = new Scalars(file);
    }

    EventTime read(Node node) {
        EventTime defaults = EventTime.DEFAULT;
        if (YamlFile.isNull(node)) {
            return defaults;
        }
        if (node instanceof ScalarNode scalar && scalar.getValue().equals("processing")) {
            return EventTime.PROCESSING;
        }
        Optional<MappingNode> map = file.map(
                node, "'time' must be a map with field, out-of-order and idle, or the word processing", EXAMPLE);
        if (map.isEmpty()) {
            return defaults;
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.TIME);
        Expression timestamp = fields.value("field")
                .flatMap(value -> file.expression(
                        value,
                        "'field' must be a CEL expression giving the event time (a timestamp or epoch milliseconds)",
                        "field: data.at"))
                .orElse(defaults.timestamp());
        Duration outOfOrder = fields.value("out-of-order")
                .flatMap(value -> scalars.duration(value, "out-of-order"))
                .orElse(defaults.maxOutOfOrder());
        Duration idle = fields.value("idle")
                .flatMap(value -> scalars.duration(value, "idle"))
                .orElse(defaults.idleTimeout());
        try {
            return new EventTime(timestamp, outOfOrder, idle);
        } catch (IllegalArgumentException e) {
            // Durations as read are never negative; this only keeps a rule EventTime gains later from escaping.
            file.problem(node, "'time' cannot be used: " + e.getMessage() + "; correct it");
            return defaults;
        }
    }
}
