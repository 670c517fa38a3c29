package dev.flows.log.queue;

import static dev.flows.log.ChildJvm.classPath;
import static dev.flows.log.ChildJvm.javaCommand;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelQueue;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Lease;
import dev.flows.api.channel.QueueStats;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real consuming processes with SIGKILL mid-way and checks that no acked record is delivered again
 * and that every record ends up acked or dead-lettered.
 */
class QueueKillTest {

    private static final int RECORDS = 400;
    private static final int POISON_EVERY = 40;
    private static final int ACKS_BEFORE_KILL = 120;
    private static final int KILLS = 2;

    @TempDir
    Path directory;

    @Test
    void shouldNeverRedeliverAnAckedRecordWhenTheConsumerProcessIsKilled() throws Exception {
        Set<String> all = appendRecords();
        Set<String> acked = new HashSet<>();
        Set<String> leasedByChildren = new HashSet<>();
        for (int kill = 0; kill < KILLS; kill++) {
            consumeUntilKilled(acked, leasedByChildren);
        }

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel deadLetters =
                    log.open(new ChannelDefinition(QueueConsumerProcess.DEAD_LETTER, 1, SourceLocation.JAVA));
            ChannelQueue queue = QueueConsumerProcess.open(log).queue(QueueConsumerProcess.QUEUE);
            Set<String> deliveredHere = new HashSet<>();
            for (int polls = 0; polls < 10 * RECORDS && !done(queue.stats()); polls++) {
                for (Lease lease : queue.poll(50, Duration.ZERO)) {
                    String at =
                            lease.record().partition() + " " + lease.record().offset();
                    assertThat(acked)
                            .as("acked before a kill, delivered again: %s", at)
                            .doesNotContain(at);
                    deliveredHere.add(at);
                    if (QueueConsumerProcess.isPoison(lease)) {
                        queue.nack(lease, "poison");
                    } else {
                        assertThat(queue.ack(lease)).isTrue();
                        acked.add(at);
                    }
                }
            }

            Set<String> dead = deadLettered(deadLetters);
            System.out.println("queue kill test: " + acked.size() + " acks seen, " + dead.size() + " dead-lettered, "
                    + queue.stats());
            assertThat(dead).hasSize(RECORDS / POISON_EVERY).doesNotContainAnyElementsOf(acked);
            assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, RECORDS - dead.size(), dead.size()));
            Set<String> unaccounted = new HashSet<>(all);
            unaccounted.removeAll(acked);
            unaccounted.removeAll(dead);
            // Acked by a child just before its kill, before it could print the ack: leased there, never here.
            assertThat(unaccounted).isSubsetOf(leasedByChildren).doesNotContainAnyElementsOf(deliveredHere);
        }
    }

    private Set<String> appendRecords() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel channel = QueueConsumerProcess.open(log);
            List<Append> appends = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                String value = (i % POISON_EVERY == 7 ? "poison-" : "job-") + i;
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                appends.add(new Append(bytes, bytes, 0));
            }
            Set<String> all = new HashSet<>();
            channel.append(appends).forEach(at -> all.add(at.partition() + " " + at.offset()));
            return all;
        }
    }

    /**
     * Runs a consumer process until it has acked {@link #ACKS_BEFORE_KILL} more records, kills it, reads what
     * it printed before dying, and checks that it was never handed a record acked before.
     */
    private void consumeUntilKilled(Set<String> acked, Set<String> leased) throws Exception {
        Process child = new ProcessBuilder(
                        javaCommand(), "-cp", classPath(), QueueConsumerProcess.class.getName(), directory.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Set<String> ackedBefore = Set.copyOf(acked);
        int acks = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] fields = line.split(" ");
                if (fields.length < 3) {
                    continue; // the last line, cut short by the kill
                }
                String at = fields[1] + " " + fields[2];
                assertThat(ackedBefore)
                        .as("acked before a kill, delivered again: %s", at)
                        .doesNotContain(at);
                if (fields[0].equals("ack")) {
                    acked.add(at);
                    if (++acks == ACKS_BEFORE_KILL) {
                        // SIGKILL through the handle, which unlike Process leaves the pipe open for what is left.
                        child.toHandle().destroyForcibly();
                    }
                } else {
                    leased.add(at);
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acks).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    private static boolean done(QueueStats stats) {
        return stats.ready() == 0 && stats.leased() == 0;
    }

    private static Set<String> deadLettered(Channel deadLetters) {
        Set<String> dead = new HashSet<>();
        for (ChannelRecord record : deadLetters.read(0, 0, RECORDS)) {
            dead.add(DurableQueueTest.header(record, DeadLetterHeaders.PARTITION) + " "
                    + DurableQueueTest.header(record, DeadLetterHeaders.OFFSET));
        }
        return dead;
    }
}
