package dev.flows.connectors.email;

import dev.flows.connectors.retry.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records each wait, runs the test's hook, and returns at once. Thread-safe. */
final class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private volatile Runnable onSleep = () -> {};

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        onSleep.run();
    }

    /** Runs {@code hook} at every wait, with the number of waits so far (from 1). */
    void onSleep(java.util.function.IntConsumer hook) {
        this.onSleep = () -> hook.accept(waits.size());
    }

    List<Duration> waits() {
        return List.copyOf(waits);
    }
}
