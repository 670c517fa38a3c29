package dev.flows.bench.flow;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code bench W3}: windowed aggregation in event time (WORKLOADS.md), as the bundled flow {@code w3}. */
@Command(
        name = "W3",
        aliases = "w3",
        mixinStandardHelpOptions = true,
        description = {
            "W3 windowed aggregation: per item and tumbling minute of event time, count and revenue, to"
                    + " OUT/windows.jsonl; one JSON line of figures. heap_max_mb says the -Xmx the peak RSS was"
                    + " measured under.",
            "",
            "  JDK_JAVA_OPTIONS=-Xmx256m ./flows bench W3 --input /tmp/events.jsonl --out /tmp/w3",
            ""
        })
public final class W3Command extends FlowCommand {

    @Override
    protected List<FlowWorkload> workloads() {
        return List.of(FlowWorkload.W3);
    }
}
