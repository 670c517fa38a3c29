package dev.flows.engine.definition;

import java.util.List;
import java.util.stream.Stream;

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
            "queue",
            "schema",
            "dedupe",
            "rate-limit",
            "browser");
    static final MapShape BROWSER = of("a channel's browser settings", "has the key:", "origins");
    static final MapShape SEGMENT = of("a channel's segment settings", "has the keys:", "bytes", "age");
    static final MapShape RETENTION = of("a channel's retention", "has the keys:", "age", "bytes");
    static final MapShape QUEUE =
            of("a channel's queue settings", "has the keys:", "max-deliveries", "visibility-timeout", "dead-letter");
    static final MapShape FLOW = of("a flow", "has the keys:", "flow", "from", "time", "steps", "to");
    static final MapShape SCHEDULE = of("a schedule", "has the keys:", "cron", "every", "time-zone", "missed", "data");
    static final MapShape TIME = of("a flow's time", "has the keys:", "field", "out-of-order", "idle");
    static final MapShape STEP = new MapShape(
            "a step",
            Stream.concat(StepReader.KINDS.stream(), Stream.of("on-error")).toList(),
            "a step is one of: " + String.join(", ", StepReader.KINDS) + ", with an optional on-error next to it");
    static final MapShape ROUTE_CASE = new MapShape(
            "a route case",
            List.of("when", "to", "otherwise"),
            "a route case has the keys: when, to; the last item may instead be otherwise");
    static final MapShape ENRICH = of("an enrich step", "has the keys:", "file", "table", "key", "into", "default");
    static final MapShape DEDUPE = of("a dedupe step", "has the keys:", "key", "within");
    static final MapShape WINDOW = of(
            "a window step",
            "has the keys:",
            "tumbling",
            "hopping",
            "session",
            "by",
            "aggregate",
            "emit",
            "grace",
            "late",
            "type");
    static final MapShape HOPPING = of("a hopping window", "has the keys:", "size", "advance");
    static final MapShape SESSION = of("a session window", "has the key:", "gap");
    static final MapShape JOIN =
            of("a join step", "has the keys:", "channel", "key", "other-key", "within", "as", "emit", "late");
    static final MapShape JOIN_WITHIN = of("a join's within", "has the keys:", "before", "after");
    static final MapShape PATTERN = of("a pattern step", "has the keys:", "key", "sequence", "within", "emit", "late");
    static final MapShape STAGE = of("a pattern stage", "has the keys:", "name", "when", "times", "absent");
    static final MapShape EMIT = of("an emit", "has the keys:", "type", "set");
    static final MapShape DESTINATION =
            of("a destination", "is one of:", "channel", "table", "webhook", "email", "push", "postgres", "mariadb");
    static final MapShape TABLE =
            of("a table destination", "has the keys:", "name", "key", "set", "mode", "when", "delete");
    static final MapShape WEBHOOK = of(
            "a webhook destination",
            "has the keys:",
            "url",
            "headers",
            "retry",
            "dead-letter",
            "name",
            "secret",
            "body",
            "content-type",
            "allow-private");
    static final MapShape DATABASE = of(
            "a database destination",
            "has the keys:",
            "url",
            "user",
            "password",
            "table",
            "key",
            "columns",
            "merge",
            "batch",
            "retry",
            "dead-letter");
    static final MapShape EMAIL = of(
            "an email destination",
            "has the keys:",
            "smtp",
            "from",
            "to",
            "cc",
            "bcc",
            "subject",
            "text",
            "html",
            "name",
            "retry",
            "dead-letter");
    static final MapShape SMTP = of(
            "an email destination's smtp",
            "has the keys:",
            "host",
            "port",
            "tls",
            "user",
            "password",
            "connect-timeout",
            "timeout",
            "ca-file",
            "trust-host");
    static final MapShape PUSH = of("a push destination", "has the keys:", "channel", "user");
    static final MapShape WORKFLOW =
            of("a workflow", "has the keys:", "workflow", "from", "key", "start", "initial", "states", "on-failure");
    static final MapShape WORKFLOW_START = of("a workflow's start", "has the keys:", "on", "when");
    static final MapShape WORKFLOW_STATE = of("a workflow state", "has the keys:", "on", "after", "entry", "terminal");
    static final MapShape TRANSITION = of("a transition", "has the keys:", "event", "signal", "when", "goto");
    static final MapShape WORKFLOW_STEP =
            of("a workflow step", "has the keys:", "emit", "table", "webhook", "email", "http", "compensate");
    static final MapShape WORKFLOW_EMIT = of("a workflow's emit", "has the keys:", "channel", "type", "set");
    static final MapShape HTTP_CALL =
            of("an http step", "has the keys:", "url", "method", "headers", "body", "retry", "allow-private");
    static final MapShape RETRY = of("a retry policy", "has the keys:", "attempts", "backoff", "max-backoff");

    private static MapShape of(String noun, String verb, String... keys) {
        return new MapShape(noun, List.of(keys), noun + " " + verb + " " + String.join(", ", keys));
    }

    /** The allowed-keys sentence starting with a capital, to follow a question. */
    String allowedSentence() {
        return Character.toUpperCase(allowed.charAt(0)) + allowed.substring(1);
    }
}
