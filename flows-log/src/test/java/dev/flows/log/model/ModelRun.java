package dev.flows.log.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelQueue;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.ConsumerGroup;
import dev.flows.api.channel.Header;
import dev.flows.api.channel.Lease;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.MutableClock;
import dev.flows.log.channel.LogChannel;
import dev.flows.log.storage.FileChannelStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One run of the model test: a real embedded log in a directory on the local disk, on a clock the run
 * moves, and the model beside it. Each step goes to both; what the step returns, and then everything
 * observable (every partition's records, start and end, sizes, group offsets, queue stats, dead letters),
 * must be equal. The log's cleaner is set to a day, so retention runs only when a step asks. Not
 * thread-safe.
 */
final class ModelRun implements AutoCloseable {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final SourceLocation WHERE = new SourceLocation("model.yaml", 1, 1);
    private static final LogConfig CONFIG = LogConfig.defaults().withCleanupInterval(Duration.ofDays(1));
    private static final int READ_CHUNK = 37;

    private final Path directory;
    private final ModelSetup setup;
    private final MutableClock clock = new MutableClock(START);
    private final ChannelModel model;
    private final QueueModel queueModel;
    private final LeaseLedger ledger = new LeaseLedger();
    private final List<Lease> held = new ArrayList<>();
    private final long[] startOffsets;
    private final Map<String, ConsumerGroup> groups = new HashMap<>();
    private final Set<Seen> seen = EnumSet.noneOf(Seen.class);
    private EmbeddedLog log;
    private LogChannel channel;
    private Channel deadLetters;
    private ChannelQueue queue;
    private String where = "at the start";

    ModelRun(Path directory, ModelSetup setup) {
        this.directory = directory;
        this.setup = setup;
        this.model = new ChannelModel(setup);
        this.queueModel = new QueueModel(model, setup);
        this.startOffsets = new long[setup.partitions()];
        open();
    }

    /** Runs step {@code index} on the log and the model, then compares all they hold. */
    void run(int index, Step step) {
        where = "after step " + index + " " + step;
        switch (step) {
            case Step.Append append -> append(append.records());
            case Step.Read read -> read(read);
            case Step.OffsetForTime search -> offsetForTime(search);
            case Step.Commit commit -> commit(commit);
            case Step.Poll poll -> poll(poll.max());
            case Step.Ack ack -> ack(ack.lease());
            case Step.Nack nack -> nack(nack.lease(), nack.error());
            case Step.Advance advance -> clock.advance(Duration.ofSeconds(advance.seconds()));
            case Step.Restart restart -> restart();
            case Step.CleanUp cleanUp -> cleanUp(cleanUp.seconds());
            case Step.Redrive redrive -> redrive();
        }
        checkEverything();
    }

    /** What the run did so far. */
    Set<Seen> seen() {
        return Set.copyOf(seen);
    }

    @Override
    public void close() {
        log.close();
    }

    private void open() {
        log = EmbeddedLog.open(directory, CONFIG, new FileChannelStorage(), clock);
        deadLetters = log.open(new ChannelDefinition(ModelSetup.DEAD_LETTER, 1, ChannelPolicy.DEFAULT, WHERE));
        channel = (LogChannel)
                log.open(new ChannelDefinition(ModelSetup.CHANNEL, setup.partitions(), setup.policy(), WHERE));
        queue = channel.queue(ModelSetup.QUEUE);
        for (String group : ModelSetup.GROUPS) {
            groups.put(group, channel.group(group));
        }
    }

    private void append(List<Step.RecordSpec> specs) {
        List<Append> records = new ArrayList<>();
        for (Step.RecordSpec spec : specs) {
            List<Header> headers = spec.headers().stream()
                    .map(header -> new Header(header.name(), Step.Text.bytes(header.value())))
                    .toList();
            long timestampMs = clock.millis() + spec.seconds() * 1000L;
            records.add(new Append(bytes(spec.key()), Step.Text.bytes(spec.value()), timestampMs, headers));
        }
        assertThat(channel.append(records)).as(where).isEqualTo(model.append(records, clock.millis()));
    }

    private void read(Step.Read read) {
        PartitionModel partition = model.partition(read.partition() % setup.partitions());
        long from = read.from() % (partition.endOffset() + 3);
        List<ChannelRecord> actual = channel.read(read.partition() % setup.partitions(), from, read.max());
        assertThat(Shown.records(actual))
                .as("%s: read from %d", where, from)
                .isEqualTo(Shown.records(partition.read(from, read.max())));
    }

    private void offsetForTime(Step.OffsetForTime search) {
        int p = search.partition() % setup.partitions();
        Instant time = clock.instant().plusSeconds(search.seconds());
        assertThat(channel.offsetForTime(p, time))
                .as("%s: offsetForTime(%d, %s)", where, p, time)
                .isEqualTo(model.partition(p).offsetForTime(time.toEpochMilli()));
    }

    private void commit(Step.Commit commit) {
        String group = ModelSetup.GROUPS[commit.group() % ModelSetup.GROUPS.length];
        int p = commit.partition() % setup.partitions();
        long offset = commit.offset() % (model.partition(p).endOffset() + 2);
        groups.get(group).commit(p, offset);
        model.commit(group, p, offset);
    }

    private void poll(int max) {
        Instant now = clock.instant();
        List<Lease> expected = queueModel.poll(max, now);
        List<Lease> actual;
        try {
            actual = queue.poll(max, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling without waiting", e);
        }
        assertThat(Shown.leases(actual)).as("%s: leases", where).isEqualTo(Shown.leases(expected));
        ledger.leased(actual, now);
        held.addAll(actual);
        if (actual.stream().anyMatch(lease -> lease.deliveryCount() > 1)) {
            seen.add(Seen.REDELIVERED);
        }
    }

    private void ack(int pick) {
        if (held.isEmpty()) {
            return;
        }
        Lease lease = held.remove(pick % held.size());
        boolean expected = queueModel.ack(lease);
        assertThat(queue.ack(lease))
                .as("%s: ack of %s", where, Shown.lease(lease))
                .isEqualTo(expected);
        if (expected) {
            ledger.released(lease, true);
        }
        if (!expected) {
            seen.add(Seen.ACK_REFUSED);
        }
        if (expected && !clock.instant().isBefore(lease.expiresAt())) {
            seen.add(Seen.ACK_OF_EXPIRED_LEASE);
        }
    }

    private void nack(int pick, String error) {
        if (held.isEmpty()) {
            return;
        }
        Lease lease = held.remove(pick % held.size());
        boolean expected = queueModel.nack(lease, error, clock.instant());
        assertThat(queue.nack(lease, error))
                .as("%s: nack of %s", where, Shown.lease(lease))
                .isEqualTo(expected);
        if (expected) {
            ledger.released(lease, false);
        } else {
            seen.add(Seen.NACK_REFUSED);
        }
    }

    private void restart() {
        if (queue.stats().leased() > 0) {
            seen.add(Seen.RESTARTED_WITH_LEASES);
        }
        log.close();
        groups.clear();
        model.restart();
        queueModel.restart();
        ledger.restarted();
        open();
    }

    private void redrive() {
        long expected = model.redrive(clock.millis());
        assertThat(queue.redrive()).as(where).isEqualTo(expected);
        if (expected > 0) {
            seen.add(Seen.REDRIVEN);
        }
    }

    private void cleanUp(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        channel.cleanUp();
        model.retain(clock.millis());
    }

    private void checkEverything() {
        long sizeBytes = 0;
        for (int p = 0; p < setup.partitions(); p++) {
            PartitionModel partition = model.partition(p);
            assertThat(channel.startOffset(p))
                    .as("%s: start offset of partition %d", where, p)
                    .isEqualTo(partition.startOffset())
                    .isGreaterThanOrEqualTo(startOffsets[p]);
            startOffsets[p] = channel.startOffset(p);
            assertThat(channel.endOffset(p))
                    .as("%s: end offset of partition %d", where, p)
                    .isEqualTo(partition.endOffset());
            assertThat(Shown.records(readAll(channel, p)))
                    .as("%s: records of partition %d", where, p)
                    .isEqualTo(Shown.records(partition.read(0, Integer.MAX_VALUE)));
            sizeBytes += partition.sizeBytes();
            if (partition.segmentCount() > 1) {
                seen.add(Seen.SEGMENT_ROLLED);
            }
            if (partition.startOffset() > 0) {
                seen.add(Seen.SEGMENT_DELETED);
            }
        }
        assertThat(channel.sizeBytes()).as("%s: bytes of the channel", where).isEqualTo(sizeBytes);
        for (String name : ModelSetup.GROUPS) {
            ConsumerGroup group = groups.get(name);
            Map<Integer, Long> expected = model.committed(name);
            assertThat(group.committed())
                    .as("%s: offsets of group %s", where, name)
                    .isEqualTo(expected);
            for (int p = 0; p < setup.partitions(); p++) {
                OptionalLong one = expected.containsKey(p) ? OptionalLong.of(expected.get(p)) : OptionalLong.empty();
                assertThat(group.committed(p))
                        .as("%s: group %s, partition %d", where, name, p)
                        .isEqualTo(one);
            }
        }
        assertThat(queue.stats()).as("%s: queue stats", where).isEqualTo(queueModel.stats(clock.instant()));
        List<ChannelRecord> letters = readAll(deadLetters, 0);
        assertThat(Shown.records(letters)).as("%s: dead letters", where).isEqualTo(Shown.records(model.deadLetters()));
        ledger.deadLetters(letters);
        if (!letters.isEmpty()) {
            seen.add(Seen.DEAD_LETTERED);
        }
        if (queueModel.skipped() > 0) {
            seen.add(Seen.SKIPPED_AFTER_RETENTION);
        }
    }

    /** Every record of a partition, read in small chunks so reads cross segments and batches. */
    private static List<ChannelRecord> readAll(Channel channel, int partition) {
        List<ChannelRecord> records = new ArrayList<>();
        long from = 0;
        while (true) {
            List<ChannelRecord> chunk = channel.read(partition, from, READ_CHUNK);
            if (chunk.isEmpty()) {
                return records;
            }
            records.addAll(chunk);
            from = chunk.getLast().offset() + 1;
        }
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
