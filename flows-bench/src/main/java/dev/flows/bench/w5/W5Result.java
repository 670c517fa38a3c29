package dev.flows.bench.w5;

import dev.flows.bench.measure.Latency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The figures of one W5 mode.
 *
 * @param mode      how the events were posted
 * @param senders   concurrent senders
 * @param requests  requests posted (each acknowledged with 200)
 * @param events    events posted, and found stored: the run checks the server's count
 * @param seconds   wall-clock seconds from the first post to the last acknowledgement
 * @param cpuNanos  CPU the whole process (server and load generator, JIT and collector) used during the timed
 *                  pass, or -1 where unknown: a figure that holds on a busy machine, where wall-clock time also
 *                  counts other processes
 * @param latency   acknowledgement latency per request: post started to 200 read
 * @param peakRssMb the process's peak resident set during this mode (server and load generator), MiB; empty
 *                  where unknown
 */
public record W5Result(
        W5Mode mode,
        int senders,
        long requests,
        long events,
        double seconds,
        long cpuNanos,
        Latency latency,
        OptionalLong peakRssMb) {

    /** The fields of the report's JSON line, in the order WORKLOADS.md lists them. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("workload", "W5");
        fields.put("system", "flows");
        fields.put("mode", mode.label());
        fields.put("durability", "fsync");
        fields.put("concurrency", senders);
        fields.put("requests", requests);
        fields.put("events", events);
        fields.put("seconds", round(seconds, 3));
        fields.put("events_per_s", Math.round(events / seconds));
        fields.put("requests_per_s", Math.round(requests / seconds));
        fields.put("cpu_s", cpuNanos < 0 ? null : round(cpuNanos / 1e9, 3));
        fields.put("cpu_us_per_event", cpuNanos < 0 ? null : round(cpuNanos / 1e3 / events, 3));
        fields.put("ack_p50_ms", round(latency.p50Ms(), 3));
        fields.put("ack_p99_ms", round(latency.p99Ms(), 3));
        fields.put("ack_p999_ms", round(latency.p999Ms(), 3));
        fields.put("ack_max_ms", round(latency.maxMs(), 3));
        fields.put("peak_rss_mb", peakRssMb.isPresent() ? peakRssMb.getAsLong() : null);
        return fields;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
