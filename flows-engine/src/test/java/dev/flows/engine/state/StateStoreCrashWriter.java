package dev.flows.engine.state;

import dev.flows.api.state.StateUpdate;
import dev.flows.api.state.StateUpdate.OffsetCommit;
import dev.flows.api.state.StateUpdate.Put;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link MvStateStoreCrashTest}: applies numbered updates (one row, one offset) and
 * prints each number once apply returned, until killed, or until its bound so it never outlives a lost
 * parent for long. Arguments: the state file, the number of updates, the compaction threshold in bytes.
 */
public final class StateStoreCrashWriter {

    static final String TABLE = "crash";
    static final String CONSUMER = "flow-crash";
    static final String CHANNEL = "orders";

    private StateStoreCrashWriter() {}

    static String key(long n) {
        return String.format("row-%06d", n);
    }

    static String value(long n) {
        return "{\"n\":" + n + "}";
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        long max = Long.parseLong(args[1]);
        long compactAtBytes = Long.parseLong(args[2]);
        long deadlineNanos = System.nanoTime() + 30_000_000_000L;
        try (MvStateStore store = MvStateStore.open(file, compactAtBytes)) {
            for (long n = 1; n <= max && System.nanoTime() < deadlineNanos; n++) {
                store.apply(new StateUpdate(
                        List.of(new Put(TABLE, key(n), value(n).getBytes(StandardCharsets.UTF_8))),
                        List.of(new OffsetCommit(CONSUMER, CHANNEL, 0, n))));
                System.out.println(n);
                System.out.flush();
            }
        }
    }
}
