package dev.flows.bench.flow;

import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code bench W4}: the two event patterns of WORKLOADS.md, as the bundled flows {@code w4a} and {@code w4b},
 * each in a timed pass of its own over the whole input and reported on a line of its own.
 */
@Command(
        name = "W4",
        aliases = "w4",
        mixinStandardHelpOptions = true,
        description = {
            "W4 event patterns: card testing to OUT/card-testing.jsonl (workload W4a), then abandoned checkouts"
                    + " to OUT/abandoned.jsonl (W4b), each its own pass over the input; one JSON line each.",
            "",
            "  ./flows bench W4 --input /tmp/events.jsonl --out /tmp/w4",
            ""
        })
public final class W4Command extends FlowCommand {

    @Override
    protected List<FlowWorkload> workloads() {
        return List.of(FlowWorkload.W4A, FlowWorkload.W4B);
    }
}
