package dev.flows.bench.measure;

import java.util.Arrays;

/**
 * Percentiles of a latency distribution, computed exactly from every sample (nearest rank), so finer than
 * HdrHistogram's default 3 significant digits.
 *
 * @param samples how many latencies were measured
 * @param p50Ms   the median, milliseconds
 * @param p99Ms   the 99th percentile, milliseconds
 * @param p999Ms  the 99.9th percentile, milliseconds
 * @param maxMs   the largest, milliseconds
 */
public record Latency(long samples, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

    /**
     * The percentiles of {@code nanos}, which this sorts in place.
     *
     * @throws IllegalArgumentException if there is no sample
     */
    public static Latency of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no latency sample to summarise; the latency run measured nothing");
        }
        Arrays.sort(nanos);
        return new Latency(
                nanos.length,
                millis(percentile(nanos, 0.50)),
                millis(percentile(nanos, 0.99)),
                millis(percentile(nanos, 0.999)),
                millis(nanos[nanos.length - 1]));
    }

    /** The nearest-rank percentile: the smallest sample with at least {@code fraction} of them at or below. */
    static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
