package dev.flows.bench.flow;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code bench W2}: filter, transform and route (WORKLOADS.md), as the bundled flow {@code w2}. */
@Command(
        name = "W2",
        aliases = "w2",
        mixinStandardHelpOptions = true,
        description = {
            "W2 filter, transform, route: cart adds to OUT/carts.jsonl, orders placed to OUT/orders.jsonl, each"
                    + " with its region; one JSON line of figures.",
            "",
            "  ./flows bench W2 --input /tmp/events.jsonl --out /tmp/w2",
            ""
        })
public final class W2Command extends FlowCommand {

    @Override
    protected List<FlowWorkload> workloads() {
        return List.of(FlowWorkload.W2);
    }
}
