package dev.flows.log.queue;

import static dev.flows.log.queue.QueueFixture.MAX_DELIVERIES;
import static dev.flows.log.queue.QueueFixture.VISIBILITY;
import static dev.flows.log.queue.QueueFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Lease;
import dev.flows.api.channel.QueueStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableQueueTest {

    @TempDir
    Path directory;

    private QueueFixture fixture;
    private DurableQueue queue;

    @BeforeEach
    void open() {
        fixture = new QueueFixture(directory, 1);
        queue = fixture.queue("billing");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldLeaseEachRecordOnceAndForgetItWhenAcked() throws Exception {
        fixture.append("a", "b", "c");

        List<Lease> leases = queue.poll(10, Duration.ZERO);

        assertThat(leases).extracting(QueueFixture::value).containsExactly("a", "b", "c");
        assertThat(leases).extracting(Lease::deliveryCount).containsOnly(1);
        assertThat(leases).extracting(Lease::expiresAt).containsOnly(QueueFixture.START.plus(VISIBILITY));
        assertThat(leases.getFirst().record().headers()).isNotEmpty();
        assertThat(queue.poll(10, Duration.ZERO)).isEmpty();
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 3, 0, 0));
        for (Lease lease : leases) {
            assertThat(queue.ack(lease)).isTrue();
        }
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 3, 0));
        fixture.clock.advance(VISIBILITY.multipliedBy(2));
        assertThat(queue.poll(10, Duration.ZERO)).isEmpty();
    }

    @Test
    void shouldLeaseAtMostMaxEvents() throws Exception {
        fixture.append("a", "b", "c");

        assertThat(queue.poll(2, Duration.ZERO)).extracting(QueueFixture::value).containsExactly("a", "b");
        assertThat(queue.stats()).isEqualTo(new QueueStats(1, 2, 0, 0));
        assertThat(queue.poll(2, Duration.ZERO)).extracting(QueueFixture::value).containsExactly("c");
    }

    @Test
    void shouldRedeliverNackedRecordAtOnceWithItsCountRaised() throws Exception {
        fixture.append("a");
        Lease first = queue.poll(1, Duration.ZERO).getFirst();

        assertThat(queue.nack(first, "downstream said 503")).isTrue();

        assertThat(queue.stats()).isEqualTo(new QueueStats(1, 0, 0, 0));
        Lease second = queue.poll(1, Duration.ZERO).getFirst();
        assertThat(second.record().offset()).isEqualTo(first.record().offset());
        assertThat(second.deliveryCount()).isEqualTo(2);
        assertThat(queue.ack(second)).isTrue();
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 1, 0));
    }

    @Test
    void shouldRedeliverWhenTheVisibilityTimeoutExpires() throws Exception {
        fixture.append("a");
        Lease first = queue.poll(1, Duration.ZERO).getFirst();

        fixture.clock.advance(VISIBILITY.minusMillis(1));
        assertThat(queue.poll(1, Duration.ZERO)).isEmpty();
        assertThat(queue.stats().leased()).isEqualTo(1);
        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(queue.stats()).isEqualTo(new QueueStats(1, 0, 0, 0));

        Lease second = queue.poll(1, Duration.ZERO).getFirst();
        assertThat(second.record().offset()).isEqualTo(first.record().offset());
        assertThat(second.deliveryCount()).isEqualTo(2);
        assertThat(second.expiresAt()).isEqualTo(fixture.clock.instant().plus(VISIBILITY));
    }

    @Test
    void shouldRefuseStaleAckOfLeaseDeliveredAgain() throws Exception {
        fixture.append("a");
        Lease stale = queue.poll(1, Duration.ZERO).getFirst();
        fixture.clock.advance(VISIBILITY);
        Lease current = queue.poll(1, Duration.ZERO).getFirst();

        assertThat(queue.ack(stale)).isFalse();
        assertThat(queue.nack(stale, "late")).isFalse();

        assertThat(queue.ack(current)).isTrue();
        assertThat(queue.ack(current)).isFalse();
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 1, 0));
    }

    @Test
    void shouldAcceptAckOfExpiredLeaseNotYetDeliveredAgain() throws Exception {
        fixture.append("a");
        Lease lease = queue.poll(1, Duration.ZERO).getFirst();
        fixture.clock.advance(VISIBILITY.plusSeconds(5));

        assertThat(queue.ack(lease)).isTrue();

        assertThat(queue.poll(1, Duration.ZERO)).isEmpty();
    }

    @Test
    void shouldRefuseAckOfNackedLease() throws Exception {
        fixture.append("a");
        Lease lease = queue.poll(1, Duration.ZERO).getFirst();

        assertThat(queue.nack(lease, "no")).isTrue();

        assertThat(queue.ack(lease)).isFalse();
        assertThat(queue.nack(lease, "no again")).isFalse();
    }

    @Test
    void shouldDeadLetterPoisonEventAfterMaxDeliveries() throws Exception {
        fixture.append("poison");
        Lease lease = null;
        for (int delivery = 1; delivery <= MAX_DELIVERIES; delivery++) {
            lease = queue.poll(1, Duration.ZERO).getFirst();
            assertThat(lease.deliveryCount()).isEqualTo(delivery);
            fixture.clock.advance(Duration.ofSeconds(1));
            assertThat(queue.nack(lease, "cannot parse field 'total' (attempt " + delivery + ")"))
                    .isTrue();
        }

        assertThat(queue.poll(1, Duration.ZERO)).isEmpty();
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 0, 1));
        List<ChannelRecord> dead = fixture.deadLetters().read(0, 0, 10);
        assertThat(dead).hasSize(1);
        ChannelRecord record = dead.getFirst();
        assertThat(value(record)).isEqualTo("poison");
        assertThat(record.key()).isEqualTo(lease.record().key());
        assertThat(header(record, "origin")).isEqualTo("test");
        assertThat(header(record, DeadLetterHeaders.CHANNEL)).isEqualTo(QueueFixture.CHANNEL);
        assertThat(header(record, DeadLetterHeaders.QUEUE)).isEqualTo("billing");
        assertThat(header(record, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(record, DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(header(record, DeadLetterHeaders.ERROR)).isEqualTo("cannot parse field 'total' (attempt 3)");
        assertThat(header(record, DeadLetterHeaders.DELIVERIES)).isEqualTo("3");
        assertThat(header(record, DeadLetterHeaders.FIRST_DELIVERY)).isEqualTo("2030-01-02T03:04:05.678Z");
        assertThat(header(record, DeadLetterHeaders.LAST_DELIVERY)).isEqualTo("2030-01-02T03:04:07.678Z");
    }

    @Test
    void shouldDeadLetterWithTimeoutErrorWhenTheLastLeaseExpires() throws Exception {
        fixture.append("slow");
        for (int delivery = 1; delivery <= MAX_DELIVERIES; delivery++) {
            assertThat(queue.poll(1, Duration.ZERO))
                    .extracting(Lease::deliveryCount)
                    .containsExactly(delivery);
            fixture.clock.advance(VISIBILITY);
        }

        assertThat(queue.poll(1, Duration.ZERO)).isEmpty();

        List<ChannelRecord> dead = fixture.deadLetters().read(0, 0, 10);
        assertThat(dead).hasSize(1);
        assertThat(header(dead.getFirst(), DeadLetterHeaders.ERROR)).isEqualTo(DeadLetterHeaders.EXPIRED);
        assertThat(header(dead.getFirst(), DeadLetterHeaders.DELIVERIES)).isEqualTo("3");
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 0, 1));
    }

    @Test
    void shouldKeepDeliveringOthersPastAPoisonEvent() throws Exception {
        fixture.append("poison", "fine-1", "fine-2");

        for (int round = 0; round < MAX_DELIVERIES; round++) {
            for (Lease lease : queue.poll(10, Duration.ZERO)) {
                if (value(lease).equals("poison")) {
                    queue.nack(lease, "boom");
                } else {
                    queue.ack(lease);
                }
            }
        }

        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 2, 1));
    }

    @Test
    void shouldRoundRobinOverPartitions() throws Exception {
        fixture.close();
        fixture = new QueueFixture(directory.resolve("three"), 3);
        queue = fixture.queue("billing");
        fixture.appendNumbered("r", 60);

        List<Lease> leases = queue.poll(3, Duration.ZERO);

        assertThat(leases).extracting(lease -> lease.record().partition()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(queue.poll(1, Duration.ZERO).getFirst().record().partition())
                .isNotEqualTo(queue.poll(1, Duration.ZERO).getFirst().record().partition());
    }

    @Test
    void shouldWaitForRecordsAppendedWhilePolling() throws Exception {
        CompletableFuture<List<Lease>> polled = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.poll(5, Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        fixture.append("late");

        assertThat(polled.get(20, TimeUnit.SECONDS))
                .extracting(QueueFixture::value)
                .containsExactly("late");
    }

    @Test
    void shouldWaitForANackedRecordWhilePolling() throws Exception {
        fixture.append("a");
        Lease lease = queue.poll(1, Duration.ZERO).getFirst();
        CompletableFuture<List<Lease>> polled = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.poll(5, Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        queue.nack(lease, "retry");

        assertThat(polled.get(20, TimeUnit.SECONDS))
                .extracting(Lease::deliveryCount)
                .containsExactly(2);
    }

    @Test
    void shouldReturnNothingWhenNothingArrivesInTime() throws Exception {
        long started = System.nanoTime();

        assertThat(queue.poll(1, Duration.ofMillis(60))).isEmpty();

        assertThat(System.nanoTime() - started)
                .isGreaterThanOrEqualTo(Duration.ofMillis(60).toNanos());
    }

    @Test
    void shouldHoldBackNewRecordsWhileTheWindowIsFull() throws Exception {
        DurableQueue narrow = fixture.queue("narrow", new QueueLimits(2, 1 << 20));
        fixture.append("a", "b", "c");

        List<Lease> leases = narrow.poll(10, Duration.ZERO);

        assertThat(leases).extracting(QueueFixture::value).containsExactly("a", "b");
        assertThat(narrow.poll(10, Duration.ofMillis(20))).isEmpty();
        narrow.ack(leases.get(1));
        assertThat(narrow.poll(10, Duration.ZERO)).isEmpty();
        narrow.ack(leases.getFirst());
        assertThat(narrow.poll(10, Duration.ZERO))
                .extracting(QueueFixture::value)
                .containsExactly("c");
    }

    @Test
    void shouldKeepQueuesOfOneChannelIndependent() throws Exception {
        DurableQueue other = fixture.queue("audit");
        fixture.append("a");

        queue.ack(queue.poll(1, Duration.ZERO).getFirst());

        assertThat(other.poll(1, Duration.ZERO)).extracting(QueueFixture::value).containsExactly("a");
    }

    @Test
    void shouldRefuseBadArgumentsWithMessagesThatSayWhatToDo() {
        assertThatThrownBy(() -> fixture.queue("Bad Name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Bad Name'")
                .hasMessageContaining("[a-z]")
                .hasMessageContaining("rename the queue");
        assertThatThrownBy(() -> queue.poll(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void shouldRefuseCallsOnceClosed() {
        queue.close();

        assertThatThrownBy(() -> queue.poll(1, Duration.ZERO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(queue::stats).isInstanceOf(IllegalStateException.class);
        queue.close();
    }

    static String header(ChannelRecord record, String name) {
        return DeadLetterHeaders.value(record.headers(), name).orElse(null);
    }
}
