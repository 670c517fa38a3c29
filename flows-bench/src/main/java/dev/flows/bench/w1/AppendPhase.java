package dev.flows.bench.w1;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.bench.event.Events;
import dev.flows.bench.event.SubjectScan;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * W1's throughput half, first part: every event appended once, in batches of a fixed size (one
 * {@link Channel#append} call each), by a few threads that take the next batch in turn. Building each batch
 * (keying by subject) is inside the timed part, as it is for a real producer. Stateless.
 */
final class AppendPhase {

    private AppendPhase() {}

    /** Appends all of {@code events} and returns the wall-clock seconds it took. */
    static double run(Channel channel, Events events, int batchSize, int appenders, InstantSource clock) {
        int batches = Math.ceilDiv(events.count(), batchSize);
        AtomicInteger next = new AtomicInteger();
        long startNs = System.nanoTime();
        Workers.run("w1-appender", appenders, worker -> {
            for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                int from = b * batchSize;
                channel.append(batch(events, from, Math.min(events.count(), from + batchSize), clock.millis()));
            }
        });
        return (System.nanoTime() - startNs) / 1e9;
    }

    /** Events {@code from} (inclusive) to {@code to} (exclusive), keyed by subject, as one append. */
    static List<Append> batch(Events events, long from, long to, long timestampMs) {
        Append[] records = new Append[Math.toIntExact(to - from)];
        for (int i = 0; i < records.length; i++) {
            byte[] line = events.line((int) ((from + i) % events.count()));
            records[i] = new Append(SubjectScan.subject(line), line, timestampMs);
        }
        return Arrays.asList(records);
    }
}
