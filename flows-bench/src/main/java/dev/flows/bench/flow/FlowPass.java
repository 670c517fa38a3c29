package dev.flows.bench.flow;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Flow;
import dev.flows.bench.event.EventStream;
import dev.flows.bench.log.DataDirectory;
import dev.flows.bench.measure.CpuTime;
import dev.flows.bench.sink.JsonLinesBackend;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.runtime.FlowRuntime;
import dev.flows.engine.runtime.LocalFlow;
import dev.flows.engine.runtime.SinkFactory;
import dev.flows.engine.state.MvStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass of flows over the input file, each flow run by {@link LocalFlow} on the calling thread, as a flow
 * task runs it: every line's bytes go to {@code accept} of each flow, then the end of the input closes every
 * window and decides every absence, and a last flush writes what is left. The timed part starts when the
 * file is opened and ends when the outputs are written out, so reading and parsing the events count; the
 * flows are compiled before it. State that a flow keeps in tables goes to a state store in a temporary file.
 * Stateless.
 */
final class FlowPass {

    /**
     * What one pass did.
     *
     * @param seconds       wall-clock time of the timed part
     * @param engineSeconds CPU time of the thread that ran the flows, during it; negative where unknown
     * @param cpuSeconds    CPU time of the whole process (reader, collector, compiler), during it; negative
     *                      where unknown
     */
    record Outcome(long events, double seconds, double engineSeconds, double cpuSeconds, long deadLettered) {}

    /** The benchmark flows call no webhook; one that does cannot run here. */
    private static final SinkFactory NO_WEBHOOKS = destination -> {
        throw new ConfigurationException("flow destination " + destination + " is a webhook, which the benchmark"
                + " does not call; send the flow's output to a channel instead");
    };

    private FlowPass() {}

    /**
     * Runs {@code flows} over the first {@code maxLines} lines of {@code input}, writing to {@code outputs},
     * which it closes.
     */
    static Outcome run(
            List<Flow> flows,
            BenchFlows directory,
            JsonLinesBackend outputs,
            CelCompiler cel,
            Path input,
            long maxLines)
            throws InterruptedException {
        try (outputs;
                DataDirectory stateDirectory = DataDirectory.temporary("flows-bench-state-");
                MvStateStore state = MvStateStore.open(stateDirectory.path().resolve("tables.mv"))) {
            for (ChannelDefinition channel : directory.set().channels()) {
                outputs.open(channel);
            }
            FlowRuntime.Context context = new FlowRuntime.Context(
                    outputs, state, new JsonEventFormat(), NO_WEBHOOKS, cel, Clock.systemUTC(), directory.directory());
            List<LocalFlow> compiled = new ArrayList<>();
            for (Flow flow : flows) {
                compiled.add(LocalFlow.compile(flow, context));
            }
            return timed(compiled, outputs, input, maxLines);
        }
    }

    private static Outcome timed(List<LocalFlow> flows, JsonLinesBackend outputs, Path input, long maxLines)
            throws InterruptedException {
        LocalFlow[] each = flows.toArray(LocalFlow[]::new);
        long startNs = System.nanoTime();
        long engineStartNs = CpuTime.threadNanos();
        long cpuStartNs = CpuTime.processNanos();
        long events = 0;
        try (EventStream stream = EventStream.open(input, maxLines)) {
            for (byte[][] chunk = stream.next(); chunk != null; chunk = stream.next()) {
                for (byte[] line : chunk) {
                    for (LocalFlow flow : each) {
                        flow.accept(line);
                    }
                }
                events += chunk.length;
            }
        }
        long deadLettered = 0;
        for (LocalFlow flow : each) {
            flow.endOfInput();
            flow.flush();
            deadLettered += flow.deadLettered();
        }
        outputs.close();
        return new Outcome(
                events,
                (System.nanoTime() - startNs) / 1e9,
                (CpuTime.threadNanos() - engineStartNs) / 1e9,
                (CpuTime.processNanos() - cpuStartNs) / 1e9,
                deadLettered);
    }
}
