package dev.flows.bench.flow;

import java.util.List;

/**
 * A workload of WORKLOADS.md that runs as flows: which bundled flows one timed pass over the input runs, and
 * the channels whose records it counts. W4's two patterns are two workloads, each with a pass of its own, so
 * that each has its own rate.
 */
public enum FlowWorkload {
    /** Filter, transform, route: cart adds and orders placed, with their region. */
    W2("W2", List.of("w2"), List.of("carts", "orders")),
    /** Windowed aggregation in event time: per item and minute, count and revenue. */
    W3("W3", List.of("w3"), List.of("windows")),
    /** Card testing: three payment failures of a user within 5 minutes. */
    W4A("W4a", List.of("w4a"), List.of("card-testing")),
    /** Abandoned checkout: no order placed within 30 minutes of a checkout. */
    W4B("W4b", List.of("w4b"), List.of("abandoned"));

    private final String label;
    private final List<String> flows;
    private final List<String> outputs;

    FlowWorkload(String label, List<String> flows, List<String> outputs) {
        this.label = label;
        this.flows = flows;
        this.outputs = outputs;
    }

    /** The name the report gives it: W2, W3, W4a, W4b. */
    public String label() {
        return label;
    }

    /** The names of the flows it runs, all over every event. */
    public List<String> flows() {
        return flows;
    }

    /** The channels it writes, each to OUT/&lt;channel&gt;.jsonl. */
    public List<String> outputs() {
        return outputs;
    }

    /** The field of the report that counts a channel's records: its name in snake case. */
    public static String countField(String channel) {
        return channel.replace('-', '_');
    }
}
