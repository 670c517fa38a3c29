package dev.flows.bench.flow;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.flow.Flow;
import dev.flows.bench.measure.PeakRss;
import dev.flows.bench.sink.JsonLinesBackend;
import dev.flows.engine.expression.CelCompiler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code bench W2}, {@code W3} and {@code W4} share: load the benchmark flows, and per workload run an
 * untimed warm-up pass over the first events (outputs discarded), then a timed pass over the whole input
 * writing {@code OUT/<channel>.jsonl}, and print one JSON line of figures on standard output. Progress goes
 * to standard error.
 */
public abstract class FlowCommand implements Callable<Integer> {

    private static final long MEGABYTE = 1 << 20;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Events, one JSON a line.")
    Path input;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Where the flows' outputs go, one OUT/<channel>.jsonl per output channel (created or"
                    + " truncated), each line an output event's data.")
    Path out;

    @Option(
            names = "--warmup-events",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "Events run through fresh copies of the flows untimed, outputs discarded, before the"
                    + " timed pass, so that it measures compiled code: the JIT compiler keeps working for about a"
                    + " million events, and on 2 cores it competes with the flow (default: 1000000, or the whole"
                    + " input if shorter; 0: a cold start).")
    long warmupEvents;

    @Option(
            names = "--flows",
            paramLabel = "DIR",
            description = "Run the flows of DIR instead of the bundled ones (flows-bench/src/main/resources/"
                    + BenchFlows.RESOURCE + "); it must define the flows the workload names.")
    Path flows;

    @Spec
    CommandSpec spec;

    /** The workloads this command runs, in order, each in a timed pass of its own. */
    protected abstract List<FlowWorkload> workloads();

    @Override
    public Integer call() throws InterruptedException {
        if (warmupEvents < 0) {
            throw new ConfigurationException("--warmup-events is " + warmupEvents + "; it must be at least 0");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        JsonMapper json = JsonMapper.builder().build();
        CelCompiler cel = new CelCompiler();
        try (BenchFlows directory = flows == null ? BenchFlows.bundled(cel) : BenchFlows.from(flows, cel)) {
            for (FlowWorkload workload : workloads()) {
                FlowResult result = run(workload, directory, cel);
                stdout.println(json.writeValueAsString(result.fields()));
                stdout.flush();
            }
        }
        return 0;
    }

    private FlowResult run(FlowWorkload workload, BenchFlows directory, CelCompiler cel) throws InterruptedException {
        List<Flow> selected = directory.named(workload.flows());
        if (warmupEvents > 0) {
            say("%s: warming up on the first %,d events (untimed)", workload.label(), warmupEvents);
            FlowPass.run(selected, directory, JsonLinesBackend.discarding(), cel, input, warmupEvents);
            System.gc(); // so that the timed pass does not collect the warm-up's garbage
        }
        if (!PeakRss.reset()) {
            say("%s: this system cannot reset the peak RSS, so peak_rss_mb includes what ran before", workload.label());
        }
        say("%s: running flows %s over %s into %s", workload.label(), workload.flows(), input, out);
        JsonLinesBackend outputs = JsonLinesBackend.writingTo(out, Set.copyOf(workload.outputs()));
        FlowPass.Outcome outcome = FlowPass.run(selected, directory, outputs, cel, input, Long.MAX_VALUE);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String channel : workload.outputs()) {
            counts.put(channel, outputs.records(channel));
        }
        if (outcome.deadLettered() > 0) {
            say(
                    "%s: %,d events went to the dead-letter channel (%s), so the outputs are not the workload's;"
                            + " see the warnings above",
                    workload.label(), outcome.deadLettered(), out.resolve("flows.dead-letter.jsonl"));
        }
        return new FlowResult(
                workload,
                outcome.events(),
                outcome.seconds(),
                outcome.engineSeconds(),
                outcome.cpuSeconds(),
                counts,
                outcome.deadLettered(),
                PeakRss.megabytes(),
                Runtime.getRuntime().maxMemory() / MEGABYTE);
    }

    private void say(String format, Object... args) {
        PrintWriter progress = spec.commandLine().getErr();
        progress.println(String.format(format, args));
        progress.flush();
    }
}
