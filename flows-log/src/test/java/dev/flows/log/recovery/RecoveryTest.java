package dev.flows.log.recovery;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.log.Appends;
import dev.flows.log.DamagedRangeException;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.record.BatchFormat;
import dev.flows.log.storage.FileChannelStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {

    /** One record, key "k" and a 9-byte value, per batch. */
    private static final int BATCH_BYTES = (int) BatchFormat.sizeOf(List.of(append("k", "value-000")));

    /** Where the value of a one-record batch starts: header, then six one-byte fields before it. */
    private static final int VALUE_AT = BatchFormat.HEADER_BYTES + 7;

    /** With 1 KiB segments, 13 batches of 77 bytes fit before the next would overflow. */
    private static final int BATCHES_PER_SEGMENT = 13;

    private static final ChannelPolicy TINY = Appends.segmentBytes(1024);

    @TempDir
    Path directory;

    @Test
    void shouldTruncateATornTailAfterTheCheckpoint() throws IOException {
        appendRecords(10, ChannelPolicy.DEFAULT);
        crashedAfterCheckpointAt(5);
        Path segment = Appends.segment(directory, "shop", 0, 0);
        truncate(segment, 10L * BATCH_BYTES - 11);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            assertThat(shop.endOffset(0)).isEqualTo(9);
            assertThat(Files.size(segment)).isEqualTo(9L * BATCH_BYTES);
            assertThat(log.recoveryEvents())
                    .filteredOn(TornTail.class::isInstance)
                    .singleElement()
                    .isInstanceOfSatisfying(TornTail.class, torn -> {
                        assertThat(torn.position()).isEqualTo(9L * BATCH_BYTES);
                        assertThat(torn.truncatedBytes()).isEqualTo(BATCH_BYTES - 11);
                        assertThat(torn.message())
                                .startsWith(
                                        "channel shop partition 0: truncated 66 torn bytes at byte 693 of"
                                                + " 00000000000000000000.log (its length field says 73 bytes but only 62 follow");
                    });
            assertThat(shop.append(List.of(append("k", "value-new"))).getFirst().offset())
                    .isEqualTo(9);
        }
        assertThat(reopenAndReadValues()).hasSize(10).endsWith("value-008", "value-new");
    }

    @Test
    void shouldTruncateGarbageAfterTheLastBatch() throws IOException {
        appendRecords(10, ChannelPolicy.DEFAULT);
        Path segment = Appends.segment(directory, "shop", 0, 0);
        long seed = System.nanoTime();
        System.out.println("shouldTruncateGarbageAfterTheLastBatch seed " + seed);
        byte[] garbage = new byte[1 + new Random(seed).nextInt(200)];
        new Random(seed).nextBytes(garbage);
        Files.write(segment, garbage, StandardOpenOption.APPEND);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            assertThat(shop.endOffset(0)).isEqualTo(10);
            assertThat(log.recoveryEvents())
                    .singleElement()
                    .isInstanceOfSatisfying(
                            TornTail.class,
                            torn -> assertThat(torn.truncatedBytes()).isEqualTo(garbage.length));
            assertThat(shop.append(List.of(append("k", "value-new"))).getFirst().offset())
                    .isEqualTo(10);
        }
        assertThat(reopenAndReadValues()).hasSize(11).endsWith("value-009", "value-new");
    }

    @Test
    void shouldTruncateAZeroFilledTail() throws IOException {
        appendRecords(3, ChannelPolicy.DEFAULT);
        Path segment = Appends.segment(directory, "shop", 0, 0);
        Files.write(segment, new byte[4096], StandardOpenOption.APPEND);

        assertThat(reopenAndReadValues()).containsExactly("value-000", "value-001", "value-002");
        assertThat(Files.size(segment)).isEqualTo(3L * BATCH_BYTES);
    }

    @Test
    void shouldRefuseAFlippedBatchBeforeTheCheckpointAndKeepWhatFollows() throws IOException {
        appendRecords(10, ChannelPolicy.DEFAULT);
        Path segment = Appends.segment(directory, "shop", 0, 0);
        flip(segment, 3L * BATCH_BYTES + VALUE_AT + 2);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            assertThat(shop.endOffset(0)).isEqualTo(10);
            assertThat(Files.size(segment)).as("never truncated").isEqualTo(10L * BATCH_BYTES);
            assertThatThrownBy(() -> shop.read(0, 3, 10))
                    .isInstanceOfSatisfying(DamagedRangeException.class, e -> {
                        assertThat(e.fromOffset()).isEqualTo(3);
                        assertThat(e.resumeOffset()).isEqualTo(4);
                    })
                    .hasMessageContaining("offset 3 cannot be read")
                    .hasMessageContaining("byte " + 3 * BATCH_BYTES + " of " + segment)
                    .hasMessageContaining("CRC32C")
                    .hasMessageContaining("restore the file from a backup, or read from offset 4 on");
            assertThat(shop.read(0, 0, 10)).extracting(ChannelRecord::offset).containsExactly(0L, 1L, 2L);
            assertThat(shop.read(0, 4, 100))
                    .extracting(Appends::valueOf)
                    .hasSize(6)
                    .endsWith("value-009");
            assertThat(shop.append(List.of(append("k", "value-new"))).getFirst().offset())
                    .isEqualTo(10);
        }
    }

    @Test
    void shouldReportFlipsFoundWhenScanningAfterACrashAsCorruptionBeforeTheCheckpoint() throws IOException {
        appendRecords(10, ChannelPolicy.DEFAULT);
        crashedAfterCheckpointAt(8);
        Path segment = Appends.segment(directory, "shop", 0, 0);
        flip(segment, 2L * BATCH_BYTES + VALUE_AT);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            assertThat(log.recoveryEvents())
                    .filteredOn(DamagedRange.class::isInstance)
                    .singleElement()
                    .isInstanceOfSatisfying(DamagedRange.class, range -> {
                        assertThat(range.fromOffset()).isEqualTo(2);
                        assertThat(range.toOffset()).isEqualTo(3);
                        assertThat(range.message()).contains("offsets 2 to 2 cannot be read, byte " + 2 * BATCH_BYTES);
                    });
            assertThat(shop.endOffset(0)).isEqualTo(10);
            assertThatThrownBy(() -> shop.read(0, 2, 1)).isInstanceOf(DamagedRangeException.class);
            assertThat(shop.read(0, 3, 100)).hasSize(7);
        }
    }

    @Test
    void shouldRefuseAFlippedBatchInAClosedSegment() throws IOException {
        appendRecords(100, TINY);
        Path first = Appends.segment(directory, "shop", 0, 0);
        flip(first, 3L * BATCH_BYTES + VALUE_AT + 4);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1, TINY));

            assertThat(shop.endOffset(0)).isEqualTo(100);
            assertThatThrownBy(() -> shop.read(0, 3, 10))
                    .isInstanceOf(DamagedRangeException.class)
                    .hasMessageContaining("byte " + 3 * BATCH_BYTES + " of " + first)
                    .hasMessageContaining("read from offset 4 on");
            assertThat(shop.read(0, 0, 10)).extracting(ChannelRecord::offset).containsExactly(0L, 1L, 2L);
            assertThat(shop.read(0, 4, 1000))
                    .extracting(ChannelRecord::offset)
                    .containsExactlyElementsOf(LongStream.range(4, 100).boxed().toList());
        }
    }

    @Test
    void shouldFindTheNextBatchWhenALengthFieldBreaksAndServeEverythingAfterIt() throws IOException {
        appendRecords(100, TINY);
        Path first = Appends.segment(directory, "shop", 0, 0);
        flip(first, 5L * BATCH_BYTES + 2);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1, TINY));

            assertThat(shop.read(0, 0, 100)).extracting(ChannelRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThatThrownBy(() -> shop.read(0, 5, 1))
                    .isInstanceOfSatisfying(
                            DamagedRangeException.class,
                            e -> assertThat(e.resumeOffset()).isEqualTo(6))
                    .hasMessageContaining("offsets 5 to 5 whose bytes at byte " + 5 * BATCH_BYTES + " of " + first);
            assertThat(shop.read(0, 6, 1000)).hasSize(94);
            assertThat(Files.size(first)).isEqualTo((long) BATCHES_PER_SEGMENT * BATCH_BYTES);
        }
    }

    @Test
    void shouldRebuildAMissingOrDamagedIndexAndLoseNothing() throws IOException {
        appendRecords(100, TINY);
        Files.delete(directory.resolve("shop/0/00000000000000000000.index"));
        flip(directory.resolve("shop/0/00000000000000000013.index"), 30);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1, TINY));

            assertThat(log.recoveryEvents())
                    .hasSize(2)
                    .allSatisfy(event -> assertThat(event).isInstanceOf(IndexRebuilt.class))
                    .extracting(RecoveryEvent::message)
                    .anySatisfy(message -> assertThat(message).contains("because it is missing"))
                    .anySatisfy(message -> assertThat(message).contains("CRC32C"));
            assertThat(shop.read(0, 0, 1000)).hasSize(100);
        }
        assertThat(directory.resolve("shop/0/00000000000000000000.index")).exists();
    }

    @Test
    void shouldNeverReuseOffsetsWhenTheLastSegmentLostCheckpointedBytes() throws IOException {
        appendRecords(10, ChannelPolicy.DEFAULT);
        Path segment = Appends.segment(directory, "shop", 0, 0);
        truncate(segment, 6L * BATCH_BYTES + 20);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            assertThat(log.recoveryEvents())
                    .filteredOn(DamagedRange.class::isInstance)
                    .singleElement()
                    .isInstanceOfSatisfying(DamagedRange.class, range -> {
                        assertThat(range.fromOffset()).isEqualTo(6);
                        assertThat(range.toOffset()).isEqualTo(10);
                    });
            assertThat(Files.size(segment))
                    .as("damage before the checkpoint is never cut")
                    .isEqualTo(6L * BATCH_BYTES + 20);
            assertThat(shop.append(List.of(append("k", "value-new"))).getFirst().offset())
                    .isEqualTo(10);
            assertThat(shop.read(0, 0, 100)).hasSize(6);
            assertThatThrownBy(() -> shop.read(0, 7, 1)).isInstanceOf(DamagedRangeException.class);
            assertThat(shop.read(0, 10, 100)).extracting(Appends::valueOf).containsExactly("value-new");
        }
    }

    @Test
    void shouldLeaveAnUndamagedLogAlone() throws IOException {
        appendRecords(100, TINY);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1, TINY));

            assertThat(log.recoveryEvents()).isEmpty();
            assertThat(shop.read(0, 0, 1000)).hasSize(100);
        }
    }

    private void appendRecords(int count, ChannelPolicy policy) {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1, policy));
            for (int i = 0; i < count; i++) {
                shop.append(List.of(append("k", "value-%03d".formatted(i))));
            }
        }
    }

    /**
     * Rewinds partition 0's checkpoint to its first {@code batches} batches, as if the process died later,
     * and deletes the index the close wrote (recovery reports that as rebuilt).
     */
    private void crashedAfterCheckpointAt(int batches) throws IOException {
        Path partition = directory.resolve("shop/0");
        new RecoveryCheckpoint(0, batches * BATCH_BYTES, batches, 0).write(new FileChannelStorage(), partition);
        Files.delete(partition.resolve("00000000000000000000.index"));
    }

    private List<String> reopenAndReadValues() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            return log.open(channel("shop", 1)).read(0, 0, 1000).stream()
                    .map(Appends::valueOf)
                    .toList();
        }
    }

    static void truncate(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(bytes);
        }
    }

    static void flip(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x10)).rewind();
            channel.write(one, position);
        }
    }
}
