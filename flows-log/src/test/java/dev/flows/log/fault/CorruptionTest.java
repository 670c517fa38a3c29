package dev.flows.log.fault;

import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.Appends;
import dev.flows.log.DamagedRangeException;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.MutableClock;
import dev.flows.log.record.BatchFormat;
import dev.flows.log.recovery.RecoveryCheckpoint;
import dev.flows.log.recovery.RecoveryEvent;
import dev.flows.log.storage.SimulatedStorage;
import dev.flows.log.storage.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damages a partition's files on a simulated disk in each way a disk or an operator can, over many random
 * cases per kind (20 by default, {@code -Dflows.corruption.cases=N} for more), then reopens and reads
 * everything. Every case must be detected (a recovery event or a refused read), serve no record that
 * differs from what was written, and keep serving every batch the damage did not touch.
 */
class CorruptionTest {

    private static final Path DIRECTORY = Path.of("/data/log");
    private static final Path PARTITION = DIRECTORY.resolve("shop/0");
    private static final int CASES = Integer.getInteger("flows.corruption.cases", 20);
    private static final int PAGE = 4096;

    /** The kinds of damage. */
    enum Kind {
        TORN_TAIL_AFTER_CRASH,
        TRUNCATED_LAST_SEGMENT,
        TRUNCATED_CLOSED_SEGMENT,
        FLIPPED_HEADER_BIT,
        FLIPPED_PAYLOAD_BIT,
        ZEROED_PAGE,
        DELETED_INDEX,
        DAMAGED_INDEX,
        DELETED_CHECKPOINT,
        DAMAGED_CHECKPOINT
    }

    /** One batch as written. */
    private record Batch(Path file, long position, int size, long baseOffset, long endOffset, boolean last) {
        boolean overlaps(long from, long to) {
            return position < to && position + size > from;
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldDetectEveryDamageServeNothingWrongAndKeepTheRest(Kind kind) throws IOException {
        long base = Long.getLong("flows.corruption.seed", System.nanoTime());
        System.out.println("corruption " + kind + " seed " + base + " x " + CASES);
        for (int c = 0; c < CASES; c++) {
            runCase(kind, base + c);
        }
    }

    private void runCase(Kind kind, long seed) throws IOException {
        String context = kind + " seed " + seed;
        Random random = new Random(seed);
        SimulatedStorage disk = new SimulatedStorage();
        ChannelPolicy policy = Appends.segmentBytes(16_384 + random.nextInt(16_384));
        LogConfig config = LogConfig.defaults().withIndexIntervalBytes(256 + random.nextInt(2048));
        Map<Long, Append> written = write(disk, config, policy, random);
        List<Batch> batches = layout(disk);
        Predicate<Batch> untouched = damage(kind, disk, batches, random);

        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock)) {
            Channel shop = log.open(channel("shop", 1, policy));
            List<RecoveryEvent> events = log.recoveryEvents();
            List<DamagedRangeException> refusals = new ArrayList<>();
            Map<Long, ChannelRecord> served = readAll(shop, refusals, context);

            assertThat(!events.isEmpty() || !refusals.isEmpty())
                    .as(context + ": detected")
                    .isTrue();
            served.forEach((offset, record) -> {
                Append expected = written.get(offset);
                assertThat(expected)
                        .as(context + ": served offset %d was never written", offset)
                        .isNotNull();
                assertThat(record.key()).as(context + ": key at %d", offset).isEqualTo(expected.key());
                assertThat(record.value()).as(context + ": value at %d", offset).isEqualTo(expected.value());
                assertThat(record.timestampMs())
                        .as(context + ": time at %d", offset)
                        .isEqualTo(expected.timestampMs());
            });
            TreeSet<Long> missing = new TreeSet<>();
            for (Batch batch : batches) {
                if (untouched.test(batch)) {
                    for (long offset = batch.baseOffset(); offset < batch.endOffset(); offset++) {
                        if (!served.containsKey(offset)) {
                            missing.add(offset);
                        }
                    }
                }
            }
            assertThat(missing)
                    .as(context + ": undamaged offsets not served; events " + events)
                    .isEmpty();
            long end = batches.getLast().endOffset();
            if (kind != Kind.TORN_TAIL_AFTER_CRASH) {
                assertThat(shop.append(List.of(Appends.append("k", "after")))
                                .getFirst()
                                .offset())
                        .as(context + ": offsets are never given twice")
                        .isGreaterThanOrEqualTo(end);
            }
        }
    }

    private Map<Long, Append> write(SimulatedStorage disk, LogConfig config, ChannelPolicy policy, Random random) {
        Map<Long, Append> written = new HashMap<>();
        try (EmbeddedLog log = EmbeddedLog.open(DIRECTORY, config, disk, clock)) {
            Channel shop = log.open(channel("shop", 1, policy));
            for (int i = 0; shop.sizeBytes() < 60_000 + random.nextInt(40_000); i++) {
                List<Append> batch = new ArrayList<>();
                for (int r = 1 + random.nextInt(15); r > 0; r--) {
                    byte[] value = new byte[10 + random.nextInt(300)];
                    random.nextBytes(value);
                    batch.add(new Append(
                            random.nextInt(5) == 0 ? null : Appends.bytes("key-" + random.nextInt(30)),
                            value,
                            Appends.TIME_MS + i));
                }
                long first = shop.append(batch).getFirst().offset();
                for (int r = 0; r < batch.size(); r++) {
                    written.put(first + r, batch.get(r));
                }
            }
        }
        return written;
    }

    /** Where each batch lies, read from the files before any damage. */
    private static List<Batch> layout(SimulatedStorage disk) throws IOException {
        List<Path> segments = segments(disk);
        List<Batch> batches = new ArrayList<>();
        for (Path segment : segments) {
            ByteBuffer bytes = ByteBuffer.wrap(read(disk, segment));
            for (int at = 0; at < bytes.limit(); at += BatchFormat.size(bytes, at)) {
                batches.add(new Batch(
                        segment,
                        at,
                        BatchFormat.size(bytes, at),
                        BatchFormat.baseOffset(bytes, at),
                        BatchFormat.endOffset(bytes, at),
                        segment.equals(segments.getLast())));
            }
        }
        return batches;
    }

    /** Damages the files as {@code kind} says and returns which batches it leaves untouched. */
    private static Predicate<Batch> damage(Kind kind, SimulatedStorage disk, List<Batch> batches, Random random)
            throws IOException {
        List<Path> segments = segments(disk);
        Batch victim = batches.get(random.nextInt(batches.size()));
        return switch (kind) {
            case TORN_TAIL_AFTER_CRASH -> {
                List<Batch> last = batches.stream().filter(Batch::last).toList();
                Batch checkpointed = last.get(random.nextInt(last.size()));
                Batch torn =
                        last.get(last.indexOf(checkpointed) + random.nextInt(last.size() - last.indexOf(checkpointed)));
                long cut = torn.position() + 1 + random.nextInt(torn.size() - 1);
                new RecoveryCheckpoint(0, (int) checkpointed.position(), checkpointed.baseOffset(), 0)
                        .write(disk, PARTITION);
                rewriteCheckpointBase(disk, checkpointed);
                disk.delete(index(checkpointed.file()));
                truncate(disk, torn.file(), cut);
                yield batch ->
                        batch.position() + batch.size() <= cut || !batch.file().equals(torn.file());
            }
            case TRUNCATED_LAST_SEGMENT -> {
                Batch cutIn = pick(batches.stream().filter(Batch::last).toList(), random);
                long cut = cutIn.position() + random.nextInt(cutIn.size());
                truncate(disk, cutIn.file(), cut);
                yield batch -> !batch.file().equals(cutIn.file()) || batch.position() + batch.size() <= cut;
            }
            case TRUNCATED_CLOSED_SEGMENT -> {
                Batch cutIn =
                        pick(batches.stream().filter(batch -> !batch.last()).toList(), random);
                long cut = cutIn.position() + random.nextInt(cutIn.size());
                truncate(disk, cutIn.file(), cut);
                yield batch -> !batch.file().equals(cutIn.file()) || batch.position() + batch.size() <= cut;
            }
            case FLIPPED_HEADER_BIT -> {
                long at = victim.position() + random.nextInt(BatchFormat.HEADER_BYTES);
                if (Boolean.getBoolean("flows.corruption.debug")) {
                    System.out.println("flip header of " + victim + " at " + at);
                }
                flip(disk, victim.file(), at, random);
                yield batch -> batch != victim;
            }
            case FLIPPED_PAYLOAD_BIT -> {
                flip(
                        disk,
                        victim.file(),
                        victim.position()
                                + BatchFormat.HEADER_BYTES
                                + random.nextInt(victim.size() - BatchFormat.HEADER_BYTES),
                        random);
                yield batch -> batch != victim;
            }
            case ZEROED_PAGE -> {
                List<Path> large = new ArrayList<>();
                for (Path segment : segments) {
                    if (read(disk, segment).length > 2 * PAGE || segment.equals(segments.getFirst())) {
                        large.add(segment);
                    }
                }
                Path segment = large.get(random.nextInt(large.size()));
                long size = read(disk, segment).length;
                long page = PAGE * (1 + random.nextInt((int) Math.max(1, size / PAGE - 1)));
                long end = Math.min(size, page + PAGE);
                write(disk, segment, page, new byte[(int) (end - page)]);
                yield batch -> !batch.file().equals(segment) || !batch.overlaps(page, end);
            }
            case DELETED_INDEX -> {
                disk.delete(index(segments.get(random.nextInt(segments.size()))));
                yield batch -> true;
            }
            case DAMAGED_INDEX -> {
                Path index = index(segments.get(random.nextInt(segments.size())));
                flip(disk, index, random.nextInt(read(disk, index).length), random);
                yield batch -> true;
            }
            case DELETED_CHECKPOINT -> {
                disk.delete(PARTITION.resolve(RecoveryCheckpoint.FILE_NAME));
                yield batch -> true;
            }
            case DAMAGED_CHECKPOINT -> {
                Path checkpoint = PARTITION.resolve(RecoveryCheckpoint.FILE_NAME);
                flip(disk, checkpoint, random.nextInt(read(disk, checkpoint).length), random);
                yield batch -> true;
            }
        };
    }

    /** Points the checkpoint at the last segment, whatever its base: written above with base 0. */
    private static void rewriteCheckpointBase(SimulatedStorage disk, Batch checkpointed) throws IOException {
        long base = Long.parseLong(checkpointed.file().getFileName().toString().substring(0, 20));
        new RecoveryCheckpoint(base, (int) checkpointed.position(), checkpointed.baseOffset(), 0)
                .write(disk, PARTITION);
    }

    /** Reads the whole partition, skipping each refused range, and returns what was served by offset. */
    private static Map<Long, ChannelRecord> readAll(
            Channel shop, List<DamagedRangeException> refusals, String context) {
        Map<Long, ChannelRecord> served = new HashMap<>();
        long offset = 0;
        long last = -1;
        while (offset < shop.endOffset(0)) {
            try {
                List<ChannelRecord> page = shop.read(0, offset, 100);
                if (page.isEmpty()) {
                    break;
                }
                for (ChannelRecord record : page) {
                    assertThat(record.offset()).as(context + ": offsets grow").isGreaterThan(last);
                    last = record.offset();
                    served.put(record.offset(), record);
                }
                offset = last + 1;
            } catch (DamagedRangeException e) {
                refusals.add(e);
                assertThat(e.resumeOffset())
                        .as(context + ": a refusal moves on")
                        .isGreaterThan(offset);
                offset = e.resumeOffset();
            }
        }
        return served;
    }

    private static Batch pick(List<Batch> batches, Random random) {
        return batches.get(random.nextInt(batches.size()));
    }

    private static List<Path> segments(SimulatedStorage disk) throws IOException {
        return disk.list(PARTITION).stream()
                .filter(path -> path.toString().endsWith(".log"))
                .toList();
    }

    private static Path index(Path segment) {
        return segment.resolveSibling(segment.getFileName().toString().replace(".log", ".index"));
    }

    private static byte[] read(SimulatedStorage disk, Path file) throws IOException {
        try (StorageFile in = disk.openReadable(file)) {
            ByteBuffer bytes = ByteBuffer.allocate((int) in.size());
            in.read(bytes, 0);
            return bytes.array();
        }
    }

    private static void write(SimulatedStorage disk, Path file, long position, byte[] bytes) throws IOException {
        try (StorageFile out = disk.openWritable(file)) {
            out.write(ByteBuffer.wrap(bytes), position);
            out.force();
        }
    }

    private static void flip(SimulatedStorage disk, Path file, long position, Random random) throws IOException {
        byte[] one = new byte[1];
        try (StorageFile file1 = disk.openReadable(file)) {
            file1.read(ByteBuffer.wrap(one), position);
        }
        one[0] ^= (byte) (1 << random.nextInt(8));
        write(disk, file, position, one);
    }

    private static void truncate(SimulatedStorage disk, Path file, long size) throws IOException {
        try (StorageFile out = disk.openWritable(file)) {
            out.truncate(size);
            out.force();
        }
    }
}
