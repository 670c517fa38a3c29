package dev.flows.bench.w1;

import dev.flows.api.error.FlowsException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the same work on a few named platform threads and waits for all of them; the first failure is
 * rethrown to the caller, the others are attached to it as suppressed. Stateless.
 */
final class Workers {

    /** The work of one thread, told its index. */
    @FunctionalInterface
    interface Work {
        void run(int worker) throws Exception;
    }

    private Workers() {}

    /** Runs {@code work} on {@code count} threads named {@code name-0} and on, and joins them. */
    static void run(String name, int count, Work work) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            int worker = i;
            threads[i] = Thread.ofPlatform().name(name + "-" + i).start(() -> {
                try {
                    work.run(worker);
                } catch (Throwable e) {
                    if (!failure.compareAndSet(null, e)) {
                        failure.get().addSuppressed(e);
                    }
                }
            });
        }
        joinAll(threads);
        rethrow(failure.get());
    }

    /** Rethrows {@code failure} unchanged when unchecked, wrapped otherwise; does nothing for null. */
    static void rethrow(Throwable failure) {
        switch (failure) {
            case null -> {}
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new FlowsException("a benchmark thread failed: " + failure, failure);
        }
    }

    private static void joinAll(Thread[] threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    for (Thread other : threads) {
                        other.interrupt();
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
