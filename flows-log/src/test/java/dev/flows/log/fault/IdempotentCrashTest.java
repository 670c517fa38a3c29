package dev.flows.log.fault;

import static dev.flows.log.ChildJvm.classPath;
import static dev.flows.log.ChildJvm.javaCommand;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.Appends;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.recovery.DamagedRange;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process of replaying producers ({@link ReplayingProducer}) with SIGKILL at random moments,
 * {@code flows.crash.idempotent.trials} times (5 by default); each new process replays the same calls from
 * the start, as flow tasks do after a crash. Checks after each kill that the channel holds every acknowledged
 * record once and each producer's records of a partition in sequence order, and that the process reported
 * as a duplicate exactly the records the channel held when it started.
 */
class IdempotentCrashTest {

    private static final int TRIALS = Integer.getInteger("flows.crash.idempotent.trials", 5);

    @TempDir
    Path directory;

    @Test
    void shouldStoreEveryRecordOnceWhenKilledProducersReplay() throws Exception {
        long seed = Long.getLong("flows.crash.seed", System.nanoTime());
        System.out.println("shouldStoreEveryRecordOnceWhenKilledProducersReplay seed " + seed + " x " + TRIALS);
        Random random = new Random(seed);
        Set<String> stored = Set.of();
        Set<String> acknowledged = new HashSet<>();
        int duplicates = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            String context = "trial " + trial;
            List<String> acks = runUntilKilled(seed, stored.size() + 1 + random.nextInt(1500));
            for (String ack : acks) {
                String[] fields = ack.split(" ");
                assertThat(fields).as(ack).hasSize(4);
                boolean duplicate = fields[3].equals("dup");
                assertThat(duplicate)
                        .as("%s: %s is a duplicate exactly when the channel held it at the start", context, fields[1])
                        .isEqualTo(stored.contains(fields[1]));
                duplicates += duplicate ? 1 : 0;
                acknowledged.add(fields[1]);
            }
            stored = verify(acknowledged, context);
        }
        System.out.println("idempotent crash test: " + stored.size() + " records stored once over " + TRIALS
                + " kills, " + duplicates + " replayed records dropped as duplicates");
    }

    /** Reopens the log and checks what it holds; returns the values stored. */
    private Set<String> verify(Set<String> acknowledged, String context) {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel channel = log.open(ReplayingProducer.definition());
            assertThat(log.recoveryEvents()).as(context).noneMatch(DamagedRange.class::isInstance);
            Set<String> stored = new HashSet<>();
            for (int p = 0; p < channel.partitions(); p++) {
                Map<String, Long> lastSequence = new HashMap<>();
                for (ChannelRecord record : channel.read(p, 0, Integer.MAX_VALUE)) {
                    String value = Appends.valueOf(record);
                    assertThat(stored.add(value))
                            .as("%s: %s stored twice", context, value)
                            .isTrue();
                    String[] fields = value.split("-");
                    long sequence = Long.parseLong(fields[1]);
                    assertThat(sequence)
                            .as("%s: %s in sequence order in partition %d", context, value, p)
                            .isGreaterThan(lastSequence.getOrDefault(fields[0], -1L));
                    lastSequence.put(fields[0], sequence);
                }
            }
            assertThat(stored).as("%s: acknowledged records survive", context).containsAll(acknowledged);
            return stored;
        }
    }

    /** Runs the child until it printed {@code linesBeforeKill} lines, kills it, returns its lines. */
    private List<String> runUntilKilled(long seed, int linesBeforeKill) throws Exception {
        Process child = new ProcessBuilder(
                        javaCommand(),
                        "-cp",
                        classPath(),
                        ReplayingProducer.class.getName(),
                        directory.toString(),
                        Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && lines.size() < linesBeforeKill; line = out.readLine()) {
                lines.add(line);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        return lines;
    }
}
