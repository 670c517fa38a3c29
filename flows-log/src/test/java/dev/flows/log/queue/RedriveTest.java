package dev.flows.log.queue;

import static dev.flows.log.queue.QueueFixture.MAX_DELIVERIES;
import static dev.flows.log.queue.QueueFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Header;
import dev.flows.api.channel.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedriveTest {

    @TempDir
    Path directory;

    private QueueFixture fixture;

    @BeforeEach
    void open() {
        fixture = new QueueFixture(directory, 1);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldRedriveDeadLettersBackToTheChannelOnce() throws Exception {
        DurableQueue billing = fixture.queue("billing");
        DurableQueue audit = fixture.queue("audit");
        fixture.append("p1", "p2");
        exhaust(billing, "p1", "p2");
        exhaust(audit, "p1");
        assertThat(fixture.deadLetters().endOffset(0)).isEqualTo(3);

        assertThat(billing.redrive()).isEqualTo(2);

        List<ChannelRecord> redriven = fixture.channel().read(0, 2, 10);
        assertThat(redriven).extracting(QueueFixture::value).containsExactly("p1", "p2");
        assertThat(redriven.getFirst().headers()).extracting(Header::key).containsExactly("origin");
        assertThat(redriven.getFirst().timestampMs()).isEqualTo(fixture.clock.millis());
        assertThat(billing.redrive()).isZero();
        List<Lease> again = billing.poll(10, Duration.ZERO);
        assertThat(again).extracting(QueueFixture::value).containsExactly("p1", "p2");
        assertThat(again).extracting(Lease::deliveryCount).containsOnly(1);
        assertThat(audit.redrive()).isEqualTo(1);
    }

    @Test
    void shouldRememberHowFarItRedroveAcrossRestarts() throws Exception {
        DurableQueue billing = fixture.queue("billing");
        fixture.append("p1");
        exhaust(billing, "p1");
        assertThat(billing.redrive()).isEqualTo(1);

        fixture.restart();
        DurableQueue reopened = fixture.queue("billing");

        assertThat(reopened.redrive()).isZero();
        fixture.append("p3");
        exhaust(reopened, "p3");
        assertThat(reopened.redrive()).isEqualTo(1);
        assertThat(fixture.channel().endOffset(0)).isEqualTo(4);
    }

    /** Nacks every delivery of the queue until the records with these values are dead-lettered. */
    private void exhaust(DurableQueue queue, String... values) throws InterruptedException {
        List<String> poison = List.of(values);
        for (int round = 0; round < MAX_DELIVERIES; round++) {
            for (Lease lease : queue.poll(100, Duration.ZERO)) {
                if (poison.contains(value(lease))) {
                    queue.nack(lease, "poison " + value(lease));
                } else {
                    queue.ack(lease);
                }
            }
        }
    }
}
