package dev.flows.log.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The group-commit threads: force each partition that appenders ask for, one force covering every record
 * written before it starts. While a partition is being forced, its next batch accumulates; so under load
 * one force serves many appenders, and when idle the threads park on their queue (no polling). A few
 * threads force different partitions at once, since file systems overlap concurrent flushes well.
 *
 * <p>Thread-safe. A target is queued at most once at a time: it leaves the queued set before its flush
 * reads what to force, so an append that finds it still queued is covered by that flush.
 */
public final class Flusher implements AutoCloseable {

    private static final FlushTarget STOP = () -> {};

    private final BlockingQueue<FlushTarget> queue = new LinkedBlockingQueue<>();
    private final Set<FlushTarget> queued = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();

    private Flusher(String threadName, int threadCount) {
        for (int i = 0; i < threadCount; i++) {
            threads.add(Thread.ofPlatform().name(threadName + "-" + i).daemon().unstarted(this::run));
        }
    }

    /**
     * Starts a flusher on {@code threadCount} new daemon platform threads named after {@code threadName}.
     */
    public static Flusher start(String threadName, int threadCount) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("a flusher needs at least 1 thread, was given " + threadCount);
        }
        Flusher flusher = new Flusher(threadName, threadCount);
        flusher.threads.forEach(Thread::start);
        return flusher;
    }

    /** Asks for {@code target} to be flushed soon. Never blocks. */
    public void request(FlushTarget target) {
        if (queued.add(target)) {
            queue.add(target);
        }
    }

    /** Flushes what was requested before, then stops the threads and waits for them. */
    @Override
    public void close() {
        threads.forEach(thread -> queue.add(STOP));
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        for (FlushTarget target = take(); target != STOP; target = take()) {
            queued.remove(target);
            target.flush();
        }
    }

    /** Takes the next target; nothing in this package interrupts the threads, so an interrupt is ignored. */
    private FlushTarget take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Stopping is the STOP marker's job: leaving here would strand parked appenders.
            }
        }
    }
}
