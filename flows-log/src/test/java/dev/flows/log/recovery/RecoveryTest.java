package dev.flows.log.recovery;

import static dev.flows.log.Appends.append;
import static dev.flows.log.Appends.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.error.StorageException;
import dev.flows.log.Appends;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
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

    /** Key "k" and a 9-byte value: 38 + 1 + 9 bytes. */
    private static final int RECORD_BYTES = 48;

    /** Where a record's value starts: key length field, key, value length field. */
    private static final int VALUE_AT = 30 + 1 + 4;

    /** With 1 KiB segments, 21 records of 48 bytes fit before the next would overflow. */
    private static final int RECORDS_PER_SEGMENT = 21;

    private static final LogConfig TINY = LogConfig.defaults().withSegmentBytes(LogConfig.SEGMENT_BYTES_MIN);

    @TempDir
    Path directory;

    @Test
    void shouldTruncateTornTailOnOpen() throws IOException {
        appendRecords(10, LogConfig.defaults());
        Path segment = Appends.segment(directory, "shop", 0, 0);
        truncate(segment, 10L * RECORD_BYTES - 11);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            assertThat(shop.endOffset(0)).isEqualTo(9);
            assertThat(Files.size(segment)).isEqualTo(9L * RECORD_BYTES);
            assertThat(log.recoveryEvents()).singleElement().isInstanceOfSatisfying(TornTail.class, torn -> {
                assertThat(torn.position()).isEqualTo(9L * RECORD_BYTES);
                assertThat(torn.truncatedBytes()).isEqualTo(RECORD_BYTES - 11);
                assertThat(torn.message())
                        .startsWith("channel shop partition 0: truncated 37 torn bytes at byte 432 of"
                                + " 00000000000000000000.log (its length field says 44 bytes but only 33 follow");
            });
            assertThat(shop.append(List.of(append("k", "value-new"))).getFirst().offset())
                    .isEqualTo(9);
        }
        assertThat(reopenAndReadValues()).hasSize(10).endsWith("value-008", "value-new");
    }

    @Test
    void shouldTruncateGarbageAfterTheLastRecord() throws IOException {
        appendRecords(10, LogConfig.defaults());
        Path segment = Appends.segment(directory, "shop", 0, 0);
        long seed = System.nanoTime();
        System.out.println("shouldTruncateGarbageAfterTheLastRecord seed " + seed);
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
        appendRecords(3, LogConfig.defaults());
        Path segment = Appends.segment(directory, "shop", 0, 0);
        Files.write(segment, new byte[4096], StandardOpenOption.APPEND);

        assertThat(reopenAndReadValues()).containsExactly("value-000", "value-001", "value-002");
        assertThat(Files.size(segment)).isEqualTo(3L * RECORD_BYTES);
    }

    @Test
    void shouldTruncateAFlippedLastRecordAndNeverServeIt() throws IOException {
        appendRecords(10, LogConfig.defaults());
        Path segment = Appends.segment(directory, "shop", 0, 0);
        flip(segment, 9L * RECORD_BYTES + VALUE_AT + 2);

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(channel("shop", 1));

            assertThat(shop.endOffset(0)).isEqualTo(9);
            assertThat(shop.read(0, 0, 100))
                    .extracting(Appends::valueOf)
                    .hasSize(9)
                    .endsWith("value-008");
            assertThat(log.recoveryEvents())
                    .singleElement()
                    .extracting(RecoveryEvent::message)
                    .asString()
                    .contains("truncated 48 torn bytes at byte 432")
                    .contains("CRC32C");
        }
    }

    @Test
    void shouldRefuseToServeAFlippedRecordInAnEarlierSegment() throws IOException {
        appendRecords(100, TINY);
        Path first = Appends.segment(directory, "shop", 0, 0);
        flip(first, 3L * RECORD_BYTES + VALUE_AT + 4);

        try (EmbeddedLog log = EmbeddedLog.open(directory, TINY)) {
            Channel shop = log.open(channel("shop", 1));

            assertThat(shop.endOffset(0)).isEqualTo(100);
            assertThatThrownBy(() -> shop.read(0, 3, 10))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("record 3 at byte 144 of " + first)
                    .hasMessageContaining("CRC32C")
                    .hasMessageContaining(
                            "restore the file from a backup, or skip the record by reading from offset 4");
            assertThat(shop.read(0, 0, 10)).extracting(ChannelRecord::offset).containsExactly(0L, 1L, 2L);
            assertThat(shop.read(0, 4, 1000))
                    .extracting(ChannelRecord::offset)
                    .containsExactlyElementsOf(LongStream.range(4, 100).boxed().toList());
            assertThat(shop.append(List.of(append("k", "value-new"))).getFirst().offset())
                    .isEqualTo(100);
        }
    }

    @Test
    void shouldMarkTheRestOfAnEarlierSegmentUnreadableWhenItsStructureBreaks() throws IOException {
        appendRecords(100, TINY);
        Path first = Appends.segment(directory, "shop", 0, 0);
        flip(first, 5L * RECORD_BYTES + 2);

        try (EmbeddedLog log = EmbeddedLog.open(directory, TINY)) {
            Channel shop = log.open(channel("shop", 1));

            assertThat(log.recoveryEvents()).singleElement().isInstanceOfSatisfying(DamagedRange.class, range -> {
                assertThat(range.fromOffset()).isEqualTo(5);
                assertThat(range.toOffset()).isEqualTo(RECORDS_PER_SEGMENT);
                assertThat(range.position()).isEqualTo(5L * RECORD_BYTES);
                assertThat(range.message()).contains("offsets 5 to 20 cannot be read, byte 240 of " + first);
            });
            assertThat(shop.read(0, 0, 100)).extracting(ChannelRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
            for (long offset : new long[] {5, 12, 20}) {
                assertThatThrownBy(() -> shop.read(0, offset, 1))
                        .isInstanceOf(StorageException.class)
                        .hasMessageContaining("offset " + offset + " cannot be read, byte 240 of " + first)
                        .hasMessageContaining("restore the file from a backup, or read from offset 21 on");
            }
            assertThat(shop.read(0, 21, 1000)).hasSize(79);
            assertThat(Files.size(first)).isEqualTo((long) RECORDS_PER_SEGMENT * RECORD_BYTES);
        }
    }

    @Test
    void shouldLeaveAnUndamagedLogAlone() throws IOException {
        appendRecords(100, TINY);

        try (EmbeddedLog log = EmbeddedLog.open(directory, TINY)) {
            Channel shop = log.open(channel("shop", 1));

            assertThat(log.recoveryEvents()).isEmpty();
            assertThat(shop.read(0, 0, 1000)).hasSize(100);
        }
    }

    private void appendRecords(int count, LogConfig config) {
        try (EmbeddedLog log = EmbeddedLog.open(directory, config)) {
            Channel shop = log.open(channel("shop", 1));
            for (int i = 0; i < count; i++) {
                shop.append(List.of(append("k", "value-%03d".formatted(i))));
            }
        }
    }

    private List<String> reopenAndReadValues() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            return log.open(channel("shop", 1)).read(0, 0, 1000).stream()
                    .map(Appends::valueOf)
                    .toList();
        }
    }

    private static void truncate(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(bytes);
        }
    }

    private static void flip(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x10)).rewind();
            channel.write(one, position);
        }
    }
}
