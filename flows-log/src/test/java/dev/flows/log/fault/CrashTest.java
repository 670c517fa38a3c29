package dev.flows.log.fault;

import static dev.flows.log.ChildJvm.classPath;
import static dev.flows.log.ChildJvm.javaCommand;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.Position;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.recovery.DamagedRange;
import dev.flows.log.recovery.RecoveryEvent;
import dev.flows.log.recovery.TornTail;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real appending process with SIGKILL at random moments, {@code flows.crash.trials} times (10 by
 * default), and after each kill reopens the log and checks: every record acknowledged so far is there with
 * its value, offsets only grow and are never given twice, and nothing damaged is found or served. This
 * proves durability against process death only: the page cache outlives the process ({@link PowerLossTest}
 * cuts the power of a simulated disk).
 */
class CrashTest {

    private static final int TRIALS = Integer.getInteger("flows.crash.trials", 10);

    @TempDir
    Path directory;

    @Test
    void shouldKeepEveryAcknowledgedRecordWhenTheProcessIsKilled() throws Exception {
        long seed = Long.getLong("flows.crash.seed", System.nanoTime());
        System.out.println("shouldKeepEveryAcknowledgedRecordWhenTheProcessIsKilled seed " + seed + " x " + TRIALS);
        Random random = new Random(seed);
        Ledger ledger = new Ledger();
        int torn = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            List<String> acks = appendUntilKilled(trial, random.nextLong(), 1 + random.nextInt(3000));
            for (String ack : acks) {
                String[] fields = ack.split(" ", 4);
                assertThat(fields[0]).isEqualTo("ack");
                ledger.note(new Position(Integer.parseInt(fields[1]), Long.parseLong(fields[2])), fields[3]);
            }
            try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
                Channel channel = log.open(CrashingAppender.definition());
                List<RecoveryEvent> events = log.recoveryEvents();
                assertThat(events).as("trial %d", trial).noneMatch(DamagedRange.class::isInstance);
                torn += (int) events.stream().filter(TornTail.class::isInstance).count();
                ledger.verify(channel, "trial " + trial);
            }
        }
        System.out.println("crash test: " + ledger.size() + " acknowledged over " + TRIALS + " kills, 0 lost, " + torn
                + " torn tails truncated");
    }

    /** Runs the child until it acknowledged {@code acksBeforeKill} records, kills it, returns its acks. */
    private List<String> appendUntilKilled(int trial, long seed, int acksBeforeKill) throws Exception {
        Process child = new ProcessBuilder(
                        javaCommand(),
                        "-cp",
                        classPath(),
                        CrashingAppender.class.getName(),
                        directory.toString(),
                        Integer.toString(trial),
                        Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> acks = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && acks.size() < acksBeforeKill; line = out.readLine()) {
                acks.add(line);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        return acks;
    }
}
