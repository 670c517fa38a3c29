package dev.flows.engine.definition;

import java.util.List;

/**
 * The keys one kind of YAML map in a flow file may have, and how messages name it.
 *
 * @param noun    the map as messages name it, e.g. {@code a step}
 * @param keys    the keys allowed, in the order messages list them
 * @param allowed the sentence that lists them, e.g. {@code a step is one of: filter, set, route}
 */
record MapShape(String noun, List<String> keys, String allowed) {

    static final MapShape CHANNELS = of("a channels document", "has only the key:", "channels");
    static final MapShape CHANNEL = of(
            "a channel",
            "has the keys:",
            "name",
            "partitions",
            "durability",
            "segment",
            "retention",
            "compacted",
            "queue");
    static final MapShape SEGMENT = of("a channel's segment settings", "has the keys:", "bytes", "age");
    static final MapShape RETENTION = of("a channel's retention", "has the keys:", "age", "bytes");
    static final MapShape QUEUE =
            of("a channel's queue settings", "has the keys:", "max-deliveries", "visibility-timeout", "dead-letter");
    static final MapShape FLOW = of("a flow", "has the keys:", "flow", "from", "steps", "to");
    static final MapShape STEP = of("a step", "is one of:", "filter", "set", "route");
    static final MapShape ROUTE_CASE = of("a route case", "has the keys:", "when", "to");
    static final MapShape DESTINATION = of("a destination", "is one of:", "channel", "table", "webhook");
    static final MapShape TABLE = of("a table destination", "has the keys:", "name", "key", "set");
    static final MapShape WEBHOOK =
            of("a webhook destination", "has the keys:", "url", "headers", "retry", "dead-letter");
    static final MapShape RETRY = of("a retry policy", "has the keys:", "attempts", "backoff", "max-backoff");

    private static MapShape of(String noun, String verb, String... keys) {
        return new MapShape(noun, List.of(keys), noun + " " + verb + " " + String.join(", ", keys));
    }

    /** The allowed-keys sentence starting with a capital, to follow a question. */
    String allowedSentence() {
        return Character.toUpperCase(allowed.charAt(0)) + allowed.substring(1);
    }
}
