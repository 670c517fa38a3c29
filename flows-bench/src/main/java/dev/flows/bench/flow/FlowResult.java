package dev.flows.bench.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The figures of one timed pass of a flow workload.
 *
 * @param workload     what ran
 * @param events       input events read, every one given to each flow of the pass
 * @param seconds      wall-clock seconds from opening the input to the outputs written out
 * @param engineSeconds CPU seconds the thread running the flows used meanwhile; negative where unknown
 * @param cpuSeconds   CPU seconds the whole process used meanwhile; negative where unknown
 * @param counts       records per output channel, in the workload's order
 * @param deadLettered events the flows dead-lettered or found late; 0 when the flows are right
 * @param peakRssMb    the process's peak resident set during the pass, MiB; empty where unknown
 * @param heapMaxMb    the JVM's maximum heap (-Xmx), MiB
 */
public record FlowResult(
        FlowWorkload workload,
        long events,
        double seconds,
        double engineSeconds,
        double cpuSeconds,
        Map<String, Long> counts,
        long deadLettered,
        OptionalLong peakRssMb,
        long heapMaxMb) {

    public FlowResult {
        counts = Map.copyOf(counts);
    }

    /**
     * The fields of the report's JSON line: WORKLOADS.md's, one count per output channel named in snake case
     * ({@code carts}, {@code card_testing}), then {@code dead_lettered}, the heap limit the peak was measured
     * under, and CPU time: {@code engine_cpu_seconds} of the thread running the flows and {@code
     * cpu_seconds} of the process, with {@code engine_events_per_cpu_s}, a rate that other processes on the
     * machine do not lower (null where the JVM does not measure CPU time).
     */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("workload", workload.label());
        fields.put("system", "flows");
        fields.put("events", events);
        fields.put("seconds", round3(seconds));
        fields.put("events_per_s", Math.round(events / seconds));
        for (String channel : workload.outputs()) {
            fields.put(FlowWorkload.countField(channel), counts.getOrDefault(channel, 0L));
        }
        fields.put("dead_lettered", deadLettered);
        fields.put("peak_rss_mb", peakRssMb.isPresent() ? peakRssMb.getAsLong() : null);
        fields.put("heap_max_mb", heapMaxMb);
        fields.put("engine_cpu_seconds", engineSeconds < 0 ? null : round3(engineSeconds));
        fields.put("cpu_seconds", cpuSeconds < 0 ? null : round3(cpuSeconds));
        fields.put("engine_events_per_cpu_s", engineSeconds <= 0 ? null : Math.round(events / engineSeconds));
        return fields;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
