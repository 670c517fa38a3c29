package dev.flows.log.fault;

import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Position;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.error.StorageException;
import dev.flows.log.Appends;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.MutableClock;
import dev.flows.log.channel.LogChannel;
import dev.flows.log.storage.SimulatedStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Cuts the power of a simulated disk while three producers append idempotently in {@code fsync} mode (at
 * times after a failed fsync), over many seeds (100 by default, {@code -Dflows.powerloss.idempotent.seeds=N}
 * for more), three cuts each. After each cut the producers replay every call they ever made, as flow tasks
 * do after a crash: the replay must write exactly the records the power loss took (neither more, so the
 * producer state holds nothing a torn tail or an unforced write lost, nor fewer, so it forgot nothing that
 * survived), and the channel must then hold each record once, every acknowledged one included.
 */
class IdempotentPowerLossTest {

    private static final Path DIRECTORY = Path.of("/data/log");
    private static final int SEEDS = Integer.getInteger("flows.powerloss.idempotent.seeds", 100);
    private static final int CUTS = 3;
    private static final int PRODUCERS = 3;

    /** One producer: its id, every call it made (the last one perhaps cut short) and what it numbers next. */
    private static final class Producer {
        final String id;
        final Random random;
        final List<List<SequencedAppend>> calls = new ArrayList<>();
        long nextSequence;

        Producer(String id, Random random) {
            this.id = id;
            this.random = random;
        }

        List<SequencedAppend> nextCall() {
            List<SequencedAppend> call = new ArrayList<>();
            for (int r = 1 + random.nextInt(6); r > 0; r--) {
                nextSequence += 1 + random.nextInt(4);
                String value = id + "-" + nextSequence + "-" + "x".repeat(random.nextInt(60));
                call.add(Appends.sequenced("key-" + random.nextInt(6), value, nextSequence));
            }
            return call;
        }
    }

    @Test
    void shouldRewriteExactlyTheRecordsAPowerLossTookWhenTheProducersReplay() throws Exception {
        long base = Long.getLong("flows.powerloss.seed", System.nanoTime());
        System.out.println(
                "shouldRewriteExactlyTheRecordsAPowerLossTookWhenTheProducersReplay seed " + base + " x " + SEEDS);
        int rewritten = 0;
        for (int s = 0; s < SEEDS; s++) {
            rewritten += runSeed(base + s);
        }
        System.out.println("idempotent power loss: " + rewritten
                + " lost unacknowledged records rewritten by replays over " + SEEDS + " seeds, 0 doubled");
    }

    @Test
    void shouldCheckpointNoProducerStateOfABatchThatWasNotForced() {
        SimulatedStorage disk = new SimulatedStorage();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        LogConfig config = LogConfig.defaults().withCheckpointInterval(Duration.ofHours(1));
        List<SequencedAppend> forced = List.of(Appends.sequenced("k", "forced", 1));
        List<SequencedAppend> notForced = List.of(Appends.sequenced("k", "not forced", 2));
        EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock);
        LogChannel orders = (LogChannel) log.open(channel("orders", 1));
        orders.append("p", forced);
        disk.failForces(1);
        assertThatThrownBy(() -> orders.append("p", notForced)).isInstanceOf(StorageException.class);

        orders.checkpoint();
        PowerLossTest.closeQuietly(log);
        disk = disk.powerLoss(new Random(1), false);

        try (EmbeddedLog reopened = EmbeddedLog.open(DIRECTORY, config, disk, clock)) {
            Channel again = reopened.open(channel("orders", 1));
            assertThat(reopened.recoveryEvents()).as("the checkpoint is sound").isEmpty();
            assertThat(again.append("p", forced)).containsExactly(Position.duplicateIn(0));
            assertThat(again.append("p", notForced)).containsExactly(new Position(0, 1));
        }
    }

    private static int runSeed(long seed) throws Exception {
        Random random = new Random(seed);
        SimulatedStorage disk = new SimulatedStorage();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ChannelPolicy policy = Appends.segmentBytes(1024 + random.nextInt(8192));
        LogConfig config = LogConfig.defaults()
                .withIndexIntervalBytes(64 + random.nextInt(512))
                .withCheckpointInterval(Duration.ofMillis(10 + random.nextInt(40)));
        List<Producer> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            producers.add(new Producer("flow:f" + p + ":" + p, new Random(random.nextLong())));
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int rewritten = 0;
        for (int cut = 0; cut < CUTS; cut++) {
            String context = "seed " + seed + " cut " + cut;
            EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock);
            Channel orders = log.open(channel("orders", 2, policy));
            rewritten += replayAndCheck(orders, producers, acknowledged, context);
            if (random.nextInt(3) == 0) {
                disk.failForces(1);
            }
            disk.crashAfter(20 + random.nextInt(400));
            appendUntilTheCut(orders, producers, acknowledged);
            PowerLossTest.closeQuietly(log);
            disk = disk.powerLoss(random, true);
        }
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock)) {
            rewritten += replayAndCheck(
                    log.open(channel("orders", 2, policy)), producers, acknowledged, "seed " + seed + " at the end");
        }
        return rewritten;
    }

    /**
     * Checks that every acknowledged record survived and none is stored twice, replays every producer's calls
     * and checks that exactly the missing records were written, and that each record is now stored once.
     *
     * @return how many records the replay wrote
     */
    private static int replayAndCheck(
            Channel orders, List<Producer> producers, Set<String> acknowledged, String context) {
        Map<String, Position> stored = storedOnce(orders, context);
        assertThat(stored.keySet())
                .as("%s: acknowledged records survive", context)
                .containsAll(acknowledged);
        int rewritten = 0;
        int records = 0;
        for (Producer producer : producers) {
            for (List<SequencedAppend> call : producer.calls) {
                List<Position> positions = orders.append(producer.id, call);
                for (int i = 0; i < call.size(); i++) {
                    String value = Appends.text(call.get(i).record().value());
                    assertThat(positions.get(i).duplicate())
                            .as("%s: a replayed record is a duplicate exactly when it survived: %s", context, value)
                            .isEqualTo(stored.containsKey(value));
                    rewritten += positions.get(i).duplicate() ? 0 : 1;
                    records++;
                }
            }
        }
        assertThat(storedOnce(orders, context + " after the replay")).hasSize(records);
        return rewritten;
    }

    /** Every record of the channel by value, checking that no value is stored twice. */
    private static Map<String, Position> storedOnce(Channel orders, String context) {
        Map<String, Position> stored = new HashMap<>();
        for (int p = 0; p < orders.partitions(); p++) {
            for (long offset = 0; offset < orders.endOffset(p); ) {
                List<ChannelRecord> page = orders.read(p, offset, 1000);
                for (ChannelRecord record : page) {
                    Position previous =
                            stored.put(Appends.valueOf(record), new Position(record.partition(), record.offset()));
                    assertThat(previous)
                            .as("%s: %s stored twice", context, Appends.valueOf(record))
                            .isNull();
                }
                offset = page.getLast().offset() + 1;
            }
        }
        return stored;
    }

    private static void appendUntilTheCut(Channel orders, List<Producer> producers, Set<String> acknowledged)
            throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(producers.size())) {
            List<Future<?>> appenders = new ArrayList<>();
            for (Producer producer : producers) {
                appenders.add(threads.submit(() -> appendLoop(orders, producer, acknowledged)));
            }
            for (Future<?> appender : appenders) {
                appender.get();
            }
        }
    }

    private static void appendLoop(Channel orders, Producer producer, Set<String> acknowledged) {
        for (int i = 0; i < 10_000; i++) {
            List<SequencedAppend> call = producer.nextCall();
            producer.calls.add(call);
            List<Position> positions;
            try {
                positions = orders.append(producer.id, call);
            } catch (StorageException cut) {
                return;
            }
            assertThat(positions).as("new records are never duplicates").noneMatch(Position::duplicate);
            call.forEach(record -> acknowledged.add(Appends.text(record.record().value())));
        }
    }
}
