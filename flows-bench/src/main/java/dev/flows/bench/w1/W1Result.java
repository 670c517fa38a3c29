package dev.flows.bench.w1;

import dev.flows.api.channel.Durability;
import dev.flows.bench.measure.Latency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The figures of one W1 run in one durability mode.
 *
 * @param durability    the mode
 * @param events        events appended (and read back: the run checks the counts agree)
 * @param bytes         the sum of the events' sizes, as appended values
 * @param appendSeconds wall-clock seconds of the throughput run's appends
 * @param readSeconds   wall-clock seconds of the read-back
 * @param latencyRate   events per second the latency run offered
 * @param latency       end-to-end latency, append due → consumer receives
 * @param peakRssMb     the process's peak resident set during this mode, MiB; empty where unknown
 */
public record W1Result(
        Durability durability,
        long events,
        long bytes,
        double appendSeconds,
        double readSeconds,
        int latencyRate,
        Latency latency,
        OptionalLong peakRssMb) {

    /** MB in throughput figures: 2^20 bytes, as Kafka's performance tools count. */
    private static final double MEGABYTE = 1 << 20;

    /** The fields of the report's JSON line, in the order WORKLOADS.md lists them. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("workload", "W1");
        fields.put("system", "flows");
        fields.put("durability", durability.toString());
        fields.put("events", events);
        fields.put("bytes", bytes);
        fields.put("append_seconds", round(appendSeconds, 3));
        fields.put("append_events_per_s", Math.round(events / appendSeconds));
        fields.put("append_mb_per_s", round(bytes / MEGABYTE / appendSeconds, 1));
        fields.put("read_seconds", round(readSeconds, 3));
        fields.put("read_events_per_s", Math.round(events / readSeconds));
        fields.put("latency_rate", latencyRate);
        fields.put("latency_p50_ms", round(latency.p50Ms(), 3));
        fields.put("latency_p99_ms", round(latency.p99Ms(), 3));
        fields.put("latency_p999_ms", round(latency.p999Ms(), 3));
        fields.put("peak_rss_mb", peakRssMb.isPresent() ? peakRssMb.getAsLong() : null);
        return fields;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
