package dev.flows.connectors.jdbc;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits between attempts in short slices, asking between them whether to stop: flow tasks are never
 * interrupted (an interrupt would close the log's files under other readers), so a flag is the only way to
 * end a wait early. Stateless.
 */
final class Pause {

    private static final long SLICE_MS = 50;

    private Pause() {}

    /**
     * @return true after waiting {@code duration}, false as soon as {@code stopping} says so (or on interrupt,
     *     whose flag is kept)
     */
    static boolean waitFor(Duration duration, BooleanSupplier stopping) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (!stopping.getAsBoolean()) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(leftMs, SLICE_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
