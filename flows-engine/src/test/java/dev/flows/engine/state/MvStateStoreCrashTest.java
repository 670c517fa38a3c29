package dev.flows.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that applies updates with SIGKILL and checks that every update it acknowledged survived,
 * row and offset together. The child compacts its file every few dozen updates, so kills also land in and
 * around compactions.
 */
class MvStateStoreCrashTest {

    private static final long ACKNOWLEDGED_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldKeepEveryAcknowledgedUpdateAfterSigkill() throws Exception {
        Path file = dir.resolve("crash.mv.db");
        Process child = startWriter(file);
        long acknowledged = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < ACKNOWLEDGED_BEFORE_KILL && (line = out.readLine()) != null) {
                acknowledged = Long.parseLong(line.trim());
            }
            // Lines still in the pipe are lost with the kill: the child may have acknowledged more than we read.
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged)
                .as("updates acknowledged by the child")
                .isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

        try (MvStateStore store = MvStateStore.open(file)) {
            for (long n = 1; n <= acknowledged; n++) {
                assertThat(store.get(StateStoreCrashWriter.TABLE, StateStoreCrashWriter.key(n))
                                .map(value -> new String(value, StandardCharsets.UTF_8)))
                        .as("row of acknowledged update %d", n)
                        .contains(StateStoreCrashWriter.value(n));
            }
            // Updates past the last one read survive too, each row with its offset: rows 1..n, offset n.
            long applied = store.size(StateStoreCrashWriter.TABLE);
            assertThat(store.get(StateStoreCrashWriter.TABLE, StateStoreCrashWriter.key(applied)))
                    .isPresent();
            assertThat(store.committedOffset(StateStoreCrashWriter.CONSUMER, StateStoreCrashWriter.CHANNEL, 0))
                    .isEqualTo(OptionalLong.of(applied));
        }
    }

    private static Process startWriter(Path file) throws Exception {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        StateStoreCrashWriter.class.getName(),
                        file.toString(),
                        "100000",
                        Integer.toString(256 * 1024))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
