package dev.flows.log.queue;

import static dev.flows.log.queue.QueueFixture.MAX_DELIVERIES;
import static dev.flows.log.queue.QueueFixture.position;
import static dev.flows.log.queue.QueueFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Lease;
import dev.flows.api.channel.QueueStats;
import dev.flows.api.error.StorageException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a queue keeps when it is closed and opened again, as after a crash. */
class QueueRestartTest {

    @TempDir
    Path directory;

    private QueueFixture fixture;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldKeepAcksCountsAndDeadLettersAndBringBackOutstandingLeases() throws Exception {
        fixture = new QueueFixture(directory, 1);
        DurableQueue queue = fixture.queue("billing");
        fixture.append("acked", "nacked", "dead", "held", "fresh");
        Map<String, Lease> leases = byValue(queue.poll(4, Duration.ZERO));
        queue.ack(leases.get("acked"));
        Lease dead = leases.get("dead");
        for (int delivery = 1; delivery < MAX_DELIVERIES; delivery++) {
            queue.nack(dead, "poison");
            dead = queue.poll(1, Duration.ZERO).getFirst();
            assertThat(value(dead)).isEqualTo("dead");
        }
        queue.nack(dead, "poison");
        queue.nack(leases.get("nacked"), "flaky");
        assertThat(queue.stats()).isEqualTo(new QueueStats(2, 1, 1, 1));

        fixture.restart();
        DurableQueue reopened = fixture.queue("billing");

        assertThat(reopened.stats()).isEqualTo(new QueueStats(3, 0, 1, 1));
        Map<String, Lease> again = byValue(reopened.poll(10, Duration.ZERO));
        assertThat(again.keySet()).containsExactlyInAnyOrder("nacked", "held", "fresh");
        assertThat(again.get("nacked").deliveryCount()).isEqualTo(2);
        assertThat(again.get("held").deliveryCount()).isEqualTo(2);
        assertThat(again.get("fresh").deliveryCount()).isEqualTo(1);
        assertThat(reopened.ack(leases.get("held")))
                .as("a lease from before the restart")
                .isFalse();
        assertThat(fixture.deadLetters().endOffset(0)).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterPoisonThatCrashesItsConsumerEveryTime() throws Exception {
        fixture = new QueueFixture(directory, 1);
        fixture.append("poison");
        List<Integer> deliveries = new ArrayList<>();

        for (int crash = 0; crash < MAX_DELIVERIES + 2; crash++) {
            DurableQueue queue = fixture.queue("billing");
            queue.poll(1, Duration.ZERO).forEach(lease -> deliveries.add(lease.deliveryCount()));
            fixture.restart();
        }

        assertThat(deliveries).containsExactly(1, 2, 3);
        assertThat(DurableQueueTest.header(fixture.deadLetters().read(0, 0, 1).getFirst(), DeadLetterHeaders.ERROR))
                .isEqualTo(DeadLetterHeaders.EXPIRED);
        assertThat(fixture.queue("billing").stats()).isEqualTo(new QueueStats(0, 0, 0, 1));
    }

    @Test
    void shouldLoseNothingWhenAConsumerIsKilledMidBatch() throws Exception {
        fixture = new QueueFixture(directory, 2);
        fixture.appendNumbered("job", 100);
        DurableQueue queue = fixture.queue("workers");
        Set<String> acked = new HashSet<>();
        Set<String> inFlightAtKill = new HashSet<>();
        for (int batch = 0; batch < 5; batch++) {
            List<Lease> leases = queue.poll(10, Duration.ZERO);
            for (int i = 0; i < leases.size(); i++) {
                if (batch < 4 || i < 4) {
                    assertThat(queue.ack(leases.get(i))).isTrue();
                    acked.add(position(leases.get(i)));
                } else {
                    inFlightAtKill.add(position(leases.get(i)));
                }
            }
        }
        assertThat(acked).hasSize(44);

        fixture.restart();
        DurableQueue reopened = fixture.queue("workers");
        Set<String> deliveredAfter = new HashSet<>();
        Set<String> redelivered = new HashSet<>();
        for (List<Lease> leases = reopened.poll(7, Duration.ZERO);
                !leases.isEmpty();
                leases = reopened.poll(7, Duration.ZERO)) {
            for (Lease lease : leases) {
                assertThat(deliveredAfter.add(position(lease))).isTrue();
                if (lease.deliveryCount() > 1) {
                    redelivered.add(position(lease));
                }
                reopened.ack(lease);
            }
        }

        assertThat(deliveredAfter).doesNotContainAnyElementsOf(acked).hasSize(56);
        assertThat(redelivered).as("duplicates are the in-flight ones").isEqualTo(inFlightAtKill);
        assertThat(reopened.stats()).isEqualTo(new QueueStats(0, 0, 100, 0));
    }

    @Test
    void shouldCompactTheJournalAndReplayTheSnapshot() throws Exception {
        fixture = new QueueFixture(directory, 2);
        DurableQueue queue = fixture.queue("billing", new QueueLimits(2000, 512));
        fixture.appendNumbered("r", 300);
        Path journal = fixture.stateDirectory("billing").resolve(QueueJournal.FILE_NAME);
        long largest = 0;
        Lease kept = null;
        for (List<Lease> leases = queue.poll(10, Duration.ZERO);
                !leases.isEmpty();
                leases = queue.poll(10, Duration.ZERO)) {
            for (Lease lease : leases) {
                if (kept == null) {
                    kept = lease;
                } else {
                    queue.ack(lease);
                }
            }
            largest = Math.max(largest, Files.size(journal));
        }
        assertThat(largest).as("compacted along the way").isLessThan(8 * 1024);

        fixture.restart();
        DurableQueue reopened = fixture.queue("billing");

        assertThat(reopened.stats()).isEqualTo(new QueueStats(1, 0, 299, 0));
        List<Lease> again = reopened.poll(10, Duration.ZERO);
        assertThat(again).extracting(QueueFixture::position).containsExactly(position(kept));
        assertThat(again.getFirst().deliveryCount()).isEqualTo(2);
    }

    @Test
    void shouldDropATornJournalTailAndRedeliverWhatItHeld() throws Exception {
        fixture = new QueueFixture(directory, 1);
        DurableQueue queue = fixture.queue("billing");
        fixture.append("a", "b");
        Map<String, Lease> leases = byValue(queue.poll(2, Duration.ZERO));
        queue.ack(leases.get("a"));
        Path journal = fixture.stateDirectory("billing").resolve(QueueJournal.FILE_NAME);
        long beforeLastAck = Files.size(journal);
        queue.ack(leases.get("b"));
        fixture.close();
        tear(journal, beforeLastAck);

        fixture = new QueueFixture(directory, 1);
        DurableQueue reopened = fixture.queue("billing");

        assertThat(reopened.stats()).isEqualTo(new QueueStats(1, 0, 1, 0));
        assertThat(reopened.poll(2, Duration.ZERO))
                .extracting(QueueFixture::value)
                .containsExactly("b");
    }

    @Test
    void shouldReportADamagedJournalNamingTheFileAndWhatToDo() throws IOException {
        fixture = new QueueFixture(directory, 1);
        fixture.queue("billing");
        fixture.restart();
        Path journal = fixture.stateDirectory("billing").resolve(QueueJournal.FILE_NAME);
        try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
            file.seek(10);
            file.write(0x5a);
        }

        assertThatThrownBy(() -> fixture.queue("billing"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(journal.toString())
                .hasMessageContaining("damaged at byte 0")
                .hasMessageContaining("delete the queue's directory");
    }

    /** Cuts the journal inside its last entry, as a crash during the write would. */
    private static void tear(Path journal, long atLeast) throws IOException {
        long size = Files.size(journal);
        assertThat(size).isGreaterThan(atLeast);
        try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
            file.setLength(size - 3);
        }
    }

    private static Map<String, Lease> byValue(List<Lease> leases) {
        Map<String, Lease> byValue = new HashMap<>();
        leases.forEach(lease -> byValue.put(value(lease), lease));
        return byValue;
    }
}
