package dev.flows.log.queue;

import static dev.flows.log.queue.QueueFixture.position;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Lease;
import dev.flows.api.channel.QueueStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several threads polling one queue: each record held by one consumer at a time, done exactly once. */
class CompetingConsumersTest {

    private static final int RECORDS = 1200;
    private static final int CONSUMERS = 4;

    @TempDir
    Path directory;

    private QueueFixture fixture;
    private DurableQueue queue;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> acks = new ConcurrentHashMap<>();
    private final AtomicLong done = new AtomicLong();

    @BeforeEach
    void open() {
        fixture = new QueueFixture(directory, 3);
        queue = fixture.queue("workers");
        fixture.appendNumbered("job", RECORDS);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldDeliverEachRecordToOneConsumerAtATimeAndAckAllExactlyOnce() throws Exception {
        runConsumers(null);

        assertThat(acks).hasSize(RECORDS);
        assertThat(acks.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, RECORDS, 0));
    }

    @Test
    void shouldAckOrDeadLetterEveryRecordExactlyOnceWhenConsumersFailAtRandom() throws Exception {
        long seed = System.nanoTime();
        System.out.println("CompetingConsumersTest seed " + seed);

        runConsumers(new Random(seed));

        List<ChannelRecord> dead = fixture.deadLetters().read(0, 0, RECORDS);
        for (ChannelRecord record : dead) {
            String at = DurableQueueTest.header(record, DeadLetterHeaders.PARTITION) + "/"
                    + DurableQueueTest.header(record, DeadLetterHeaders.OFFSET);
            assertThat(acks.putIfAbsent(at, new AtomicInteger(1)))
                    .as("seed %d: %s", seed, at)
                    .isNull();
        }
        assertThat(acks).as("seed %d", seed).hasSize(RECORDS);
        assertThat(acks.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, RECORDS - dead.size(), dead.size()));
    }

    /** Runs the consumers until every record is done; with {@code failures}, a quarter of deliveries nack. */
    private void runConsumers(Random failures) throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(CONSUMERS)) {
            List<Future<?>> consumers = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                Random random = failures == null ? null : new Random(failures.nextLong());
                int batch = 1 + 5 * c;
                consumers.add(threads.submit(() -> consume(random, batch)));
            }
            for (Future<?> consumer : consumers) {
                consumer.get(25, TimeUnit.SECONDS);
            }
        }
    }

    private Void consume(Random random, int batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (done.get() < RECORDS && System.nanoTime() < deadline) {
            for (Lease lease : queue.poll(batch, Duration.ofMillis(20))) {
                String at = position(lease);
                assertThat(held.add(at)).as("%s held by two consumers", at).isTrue();
                boolean fail = random != null && random.nextInt(4) == 0;
                held.remove(at);
                if (fail) {
                    assertThat(queue.nack(lease, "random failure")).isTrue();
                    if (lease.deliveryCount() == QueueFixture.MAX_DELIVERIES) {
                        done.incrementAndGet();
                    }
                } else {
                    assertThat(queue.ack(lease)).isTrue();
                    acks.computeIfAbsent(at, k -> new AtomicInteger()).incrementAndGet();
                    done.incrementAndGet();
                }
            }
        }
        return null;
    }
}
