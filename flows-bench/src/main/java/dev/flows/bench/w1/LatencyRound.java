package dev.flows.bench.w1;

import dev.flows.api.error.FlowsException;
import dev.flows.bench.measure.LongSamples;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the producer and the consumers of one latency run share: per partition, when each offset was due to
 * be sent and when it was received (System.nanoTime), and when to stop. Thread-safe: the senders write the
 * due times under each partition's lock; each consumer alone writes its partition's receipt times; both are
 * read only after every thread is joined.
 */
final class LatencyRound {

    /** How long consumers wait, after the last append returned, for the rest before giving up. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final LongSamples[] sentNs;
    private final LongSamples[] receivedNs;
    private final AtomicLong received = new AtomicLong();
    private volatile long sentTotal = -1;
    private volatile long producerEndNs;
    private volatile boolean failed;

    LatencyRound(int partitions, long events) {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, events / partitions + events / 8 + 16);
        sentNs = new LongSamples[partitions];
        receivedNs = new LongSamples[partitions];
        for (int p = 0; p < partitions; p++) {
            sentNs[p] = new LongSamples(capacity);
            receivedNs[p] = new LongSamples(capacity);
        }
    }

    /** Called by a sender once an append returned: the record at {@code offset} was due at {@code dueNs}. */
    void onSent(int partition, long offset, long dueNs) {
        LongSamples samples = sentNs[partition];
        synchronized (samples) {
            samples.set(Math.toIntExact(offset), dueNs);
        }
    }

    /** Called by the partition's consumer: the records at {@code fromOffset} on arrived at {@code nowNs}. */
    void onReceived(int partition, long fromOffset, int count, long nowNs) {
        for (int i = 0; i < count; i++) {
            receivedNs[partition].set(Math.toIntExact(fromOffset + i), nowNs);
        }
        received.addAndGet(count);
    }

    /** Called by the producer when every append returned (or one failed). */
    void onProducerDone(long total, boolean failure) {
        producerEndNs = System.nanoTime();
        failed = failure;
        sentTotal = total;
    }

    /** True once consumers may stop: everything sent was received, or the producer failed. */
    boolean finished() {
        long total = sentTotal;
        return failed || (total >= 0 && received.get() >= total);
    }

    /**
     * Throws once the producer is done and the consumers have waited {@link #DRAIN_TIMEOUT} in vain.
     *
     * @throws FlowsException saying how many records never arrived
     */
    void checkDrainTimeout() {
        long total = sentTotal;
        if (total >= 0 && System.nanoTime() - producerEndNs > DRAIN_TIMEOUT.toNanos()) {
            throw new FlowsException("the latency run's consumers received " + received.get() + " of " + total
                    + " acknowledged records within " + DRAIN_TIMEOUT.toSeconds() + " s after the last append"
                    + " returned; the log acknowledged records that readers never see");
        }
    }

    /** Every record's latency, receipt minus due time, in nanoseconds. Call once all threads are joined. */
    long[] latenciesNs() {
        long[] latencies = new long[Math.toIntExact(received.get())];
        int next = 0;
        for (int p = 0; p < sentNs.length; p++) {
            if (sentNs[p].size() != receivedNs[p].size()) {
                throw new FlowsException("the latency run sent " + sentNs[p].size() + " records to partition " + p
                        + " but its consumer received " + receivedNs[p].size() + "; the log lost or duplicated"
                        + " records");
            }
            for (int offset = 0; offset < receivedNs[p].size(); offset++) {
                latencies[next++] = receivedNs[p].get(offset) - sentNs[p].get(offset);
            }
        }
        return latencies;
    }
}
