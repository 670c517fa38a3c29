package dev.flows.bench.w5;

import dev.flows.api.error.FlowsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The load generator: a fixed number of senders, each posting the next body as soon as its previous one was
 * acknowledged (a closed loop, so the offered load is whatever the server sustains), until every body was
 * posted once. Senders are platform threads: the server's handlers run on virtual threads, and client and
 * server must not share the virtual threads' carriers. Stateless.
 */
final class ClosedLoop {

    private ClosedLoop() {}

    /** What one pass measured. */
    record Outcome(double seconds, long[] latencyNanos) {}

    /**
     * Posts every body of {@code bodies} once, from {@code senders} threads, each with a client of its own.
     *
     * @return the wall-clock seconds from the first post to the last acknowledgement, and each request's
     *     latency (post started to acknowledgement read), by request index
     * @throws FlowsException if a request fails; the other senders stop at their next request
     */
    static Outcome run(RequestBodies bodies, int senders, Supplier<IngestClient> clients) {
        long[] latencies = new long[bodies.count()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(
                senders, Thread.ofPlatform().name("w5-sender-", 0).factory());
        try {
            List<Future<?>> running = new ArrayList<>(senders);
            long startNs = System.nanoTime();
            for (int s = 0; s < senders; s++) {
                running.add(threads.submit(() -> send(bodies, next, latencies, clients)));
            }
            awaitAll(running, next, bodies.count());
            return new Outcome((System.nanoTime() - startNs) / 1e9, latencies);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void send(
            RequestBodies bodies, AtomicInteger next, long[] latencies, Supplier<IngestClient> clients) {
        try (IngestClient client = clients.get()) {
            for (int r = next.getAndIncrement(); r < bodies.count(); r = next.getAndIncrement()) {
                long startNs = System.nanoTime();
                client.post(bodies.body(r));
                latencies[r] = System.nanoTime() - startNs;
            }
        }
    }

    /** Waits for every sender; on the first failure, makes the others stop and rethrows it. */
    private static void awaitAll(List<Future<?>> running, AtomicInteger next, int requests) {
        for (Future<?> sender : running) {
            try {
                sender.get();
            } catch (ExecutionException e) {
                next.set(requests);
                throw e.getCause() instanceof RuntimeException failure
                        ? failure
                        : new FlowsException("a W5 sender failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                next.set(requests);
                Thread.currentThread().interrupt();
                throw new FlowsException("interrupted while the W5 senders were posting", e);
            }
        }
    }
}
