package dev.flows.connectors.retry;

import java.time.Duration;

/**
 * Waits between delivery attempts. Injected so that tests can record the waits instead of taking them;
 * production code uses {@link #threadSleep()}.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Blocks the calling thread for {@code duration}.
     *
     * @param duration how long to wait, never negative
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** A sleeper that really blocks, with {@link Thread#sleep(Duration)}. Thread-safe. */
    static Sleeper threadSleep() {
        return Thread::sleep;
    }
}
