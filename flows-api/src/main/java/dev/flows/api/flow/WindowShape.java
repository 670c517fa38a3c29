package dev.flows.api.flow;

import java.time.Duration;
import java.util.Objects;

/** How a window step cuts event time into windows. Windows are aligned to the epoch. */
public sealed interface WindowShape {

    /** Fixed windows of {@code size}, back to back: [k·size, (k+1)·size). Each event falls in one. */
    record Tumbling(Duration size) implements WindowShape {
        public Tumbling {
            positive(size, "size");
        }
    }

    /**
     * Windows of {@code size} starting every {@code advance} (Flink's sliding windows, Kafka Streams' hopping
     * windows); an event falls in size/advance windows.
     */
    record Hopping(Duration size, Duration advance) implements WindowShape {
        public Hopping {
            positive(size, "size");
            positive(advance, "advance");
            if (advance.compareTo(size) > 0) {
                throw new IllegalArgumentException("a hopping window's advance must not exceed its size");
            }
        }
    }

    /**
     * Windows per key that grow while events keep coming less than {@code gap} apart: [first, last + gap).
     * Two sessions merge when an event bridges them.
     */
    record Session(Duration gap) implements WindowShape {
        public Session {
            positive(gap, "gap");
        }
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a window's " + name + " must be positive");
        }
    }
}
