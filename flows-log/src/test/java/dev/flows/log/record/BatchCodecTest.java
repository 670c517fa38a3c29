package dev.flows.log.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchCodecTest {

    private static final List<Append> RECORDS = List.of(
            new Append(bytes("user-1"), bytes("{\"n\":1}"), 1_700_000_000_123L),
            new Append(null, bytes("no key"), 1_700_000_000_100L, List.of(new Header("trace", bytes("abc")))),
            new Append(bytes("user-1"), null, 1_700_000_000_200L, List.of(new Header("why", null))));

    @Test
    void shouldDecodeWhatItEncodes() {
        ByteBuffer batch = encode(RECORDS, 42);

        assertThat(BatchDecoder.check(batch, 0, 42, true)).isEqualTo(BatchCheck.VALID);
        List<ChannelRecord> records = decode(batch, 0, Long.MAX_VALUE);
        assertThat(records).extracting(ChannelRecord::offset).containsExactly(42L, 43L, 44L);
        assertThat(records).extracting(ChannelRecord::partition).containsOnly(3);
        assertThat(records)
                .extracting(ChannelRecord::timestampMs)
                .containsExactly(1_700_000_000_123L, 1_700_000_000_100L, 1_700_000_000_200L);
        assertThat(records.get(0).key()).isEqualTo(bytes("user-1"));
        assertThat(records.get(1).key()).isNull();
        assertThat(records.get(1).headers()).singleElement().satisfies(header -> {
            assertThat(header.key()).isEqualTo("trace");
            assertThat(header.value()).isEqualTo(bytes("abc"));
        });
        assertThat(records.get(2).value()).as("a tombstone").isNull();
        assertThat(records.get(2).headers().getFirst().value()).isNull();
        assertThat(BatchFormat.maxTimestamp(batch, 0)).isEqualTo(1_700_000_000_200L);
        assertThat(BatchFormat.endOffset(batch, 0)).isEqualTo(45);
    }

    @Test
    void shouldDecodeOnlyTheAskedRange() {
        ByteBuffer batch = encode(RECORDS, 10);

        assertThat(decode(batch, 11, 12)).extracting(ChannelRecord::offset).containsExactly(11L);
        assertThat(decode(batch, 12, Long.MAX_VALUE))
                .extracting(ChannelRecord::offset)
                .containsExactly(12L);
    }

    @Test
    void shouldTakeTheBytesSizeOfSays() {
        ByteBuffer batch = encode(RECORDS, 0);

        assertThat(batch.limit()).isEqualTo(BatchFormat.sizeOf(RECORDS));
        assertThat(BatchFormat.size(batch, 0)).isEqualTo(batch.limit());
    }

    @Test
    void shouldCarryTheProducerFieldsInTheHeaderBeforeTheRecords() {
        BatchProducer producer = new BatchProducer("flow:keyed-count:3", 40, 97);
        ByteBuffer batch = encode(RECORDS, 42, producer);

        assertThat(batch.limit()).isEqualTo(BatchFormat.sizeOf(RECORDS, producer));
        assertThat(BatchDecoder.check(batch, 0, 42, true)).isEqualTo(BatchCheck.VALID);
        assertThat(BatchFormat.producer(batch, 0)).isEqualTo(producer);
        assertThat(BatchFormat.headerBytes(batch, 0)).isEqualTo(BatchFormat.HEADER_BYTES + 18);
        assertThat(decode(batch, 0, Long.MAX_VALUE))
                .extracting(ChannelRecord::offset)
                .containsExactly(42L, 43L, 44L);
        assertThat(BatchFormat.producer(encode(RECORDS, 0), 0)).isEqualTo(BatchProducer.NONE);
    }

    @Test
    void shouldKeepTheProducerFieldsWhenCompactionRewritesABatch() {
        BatchProducer producer = new BatchProducer("flow:f:0", 5, 9);
        ByteBuffer empty = ByteBuffer.allocate(BatchEncoder.sizeOfKept(100, List.of(), producer));

        BatchEncoder.encodeKept(empty, 100, 2, List.of(), 5, producer);

        assertThat(BatchDecoder.check(empty.flip(), 0, 100, true)).isEqualTo(BatchCheck.VALID);
        assertThat(BatchFormat.producer(empty, 0)).isEqualTo(producer);
        assertThat(decode(empty, 0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void shouldRefuseProducerFieldsThatDoNotFitEvenWithAMatchingCrc() {
        ByteBuffer noProducerButSequences = encode(RECORDS, 0);
        noProducerButSequences.putLong(BatchFormat.LAST_SEQUENCE_OFFSET, 3);
        reseal(noProducerButSequences);
        ByteBuffer idPastTheEnd = encode(RECORDS, 0, new BatchProducer("p", 1, 2));
        idPastTheEnd.putShort(BatchFormat.PRODUCER_ID_LENGTH_OFFSET, (short) 60_000);
        reseal(idPastTheEnd);
        ByteBuffer sequencesBackwards = encode(RECORDS, 0, new BatchProducer("p", 1, 2));
        sequencesBackwards.putLong(BatchFormat.FIRST_SEQUENCE_OFFSET, 3);
        reseal(sequencesBackwards);

        assertThat(BatchDecoder.check(noProducerButSequences, 0, 0, true)).isInstanceOf(BatchCheck.Corrupt.class);
        assertThat(BatchDecoder.check(idPastTheEnd, 0, 0, true)).isInstanceOf(BatchCheck.Corrupt.class);
        assertThat(BatchDecoder.check(sequencesBackwards, 0, 0, true)).isInstanceOf(BatchCheck.Corrupt.class);
    }

    @Test
    void shouldDetectEveryFlippedBitAfterTheLengthFieldProducerFieldsIncluded() {
        ByteBuffer original = encode(RECORDS, 7, new BatchProducer("flow:keyed-count:3", 40, 97));
        long seed = System.nanoTime();
        System.out.println("shouldDetectEveryFlippedBitAfterTheLengthFieldProducerFieldsIncluded seed " + seed);
        Random random = new Random(seed);
        for (int at = BatchFormat.CRC_OFFSET; at < original.limit(); at++) {
            ByteBuffer damaged = copy(original);
            damaged.put(at, (byte) (damaged.get(at) ^ (1 << random.nextInt(8))));

            assertThat(BatchDecoder.check(damaged, 0, 7, true))
                    .as("flip at byte %d", at)
                    .isInstanceOf(BatchCheck.Corrupt.class);
        }
    }

    @Test
    void shouldDetectEveryFlippedBitAfterTheLengthField() {
        ByteBuffer original = encode(RECORDS, 7);
        long seed = System.nanoTime();
        System.out.println("shouldDetectEveryFlippedBitAfterTheLengthField seed " + seed);
        Random random = new Random(seed);
        for (int at = BatchFormat.CRC_OFFSET; at < original.limit(); at++) {
            ByteBuffer damaged = copy(original);
            damaged.put(at, (byte) (damaged.get(at) ^ (1 << random.nextInt(8))));

            assertThat(BatchDecoder.check(damaged, 0, 7, true))
                    .as("flip at byte %d", at)
                    .isInstanceOf(BatchCheck.Corrupt.class);
        }
    }

    @Test
    void shouldRefuseABatchThatStartsBeforeTheOneBeforeEnded() {
        assertThat(BatchDecoder.check(encode(RECORDS, 7), 0, 8, true))
                .isEqualTo(new BatchCheck.Corrupt("it starts at offset 7 where at least 8 was expected"));
    }

    @Test
    void shouldTellANewerFormatFromDamage() {
        ByteBuffer newer = encode(RECORDS, 7);
        newer.put(BatchFormat.MAGIC_OFFSET, (byte) (BatchFormat.VERSION + 1));
        reseal(newer);

        assertThat(BatchDecoder.check(newer, 0, 7, false)).isInstanceOf(BatchCheck.Unsupported.class);
        newer.put(BatchFormat.ATTRIBUTES_OFFSET, (byte) 1);
        assertThat(BatchDecoder.check(newer, 0, 7, false)).isInstanceOf(BatchCheck.Corrupt.class);
    }

    @Test
    void shouldRefuseRecordsThatDoNotAddUpEvenWithAMatchingCrc() {
        ByteBuffer batch = encode(RECORDS, 0);
        batch.put(BatchFormat.HEADER_BYTES, (byte) (batch.get(BatchFormat.HEADER_BYTES) + 2));
        reseal(batch);

        assertThat(BatchDecoder.check(batch, 0, 0, true)).isEqualTo(BatchCheck.VALID);
        List<ChannelRecord> out = new ArrayList<>();
        assertThat(BatchDecoder.decode(batch, 0, 0, 0, Long.MAX_VALUE, 10, out)).isInstanceOf(BatchCheck.Corrupt.class);
        assertThat(out).isEmpty();
    }

    @Test
    void shouldKeepOffsetsWhenCompactionRewritesABatch() {
        List<ChannelRecord> all = decode(encode(RECORDS, 100), 0, Long.MAX_VALUE);
        ByteBuffer kept = ByteBuffer.allocate(BatchEncoder.sizeOfKept(100, List.of(all.get(2)), BatchProducer.NONE));

        BatchEncoder.encodeKept(kept, 100, 2, List.of(all.get(2)), 0, BatchProducer.NONE);

        assertThat(BatchDecoder.check(kept.flip(), 0, 100, true)).isEqualTo(BatchCheck.VALID);
        assertThat(BatchFormat.endOffset(kept, 0)).isEqualTo(103);
        assertThat(decode(kept, 0, Long.MAX_VALUE)).singleElement().satisfies(record -> {
            assertThat(record.offset()).isEqualTo(102);
            assertThat(record.timestampMs()).isEqualTo(1_700_000_000_200L);
            assertThat(record.value()).isNull();
        });
        ByteBuffer empty = ByteBuffer.allocate(BatchEncoder.sizeOfKept(100, List.of(), BatchProducer.NONE));
        BatchEncoder.encodeKept(empty, 100, 2, List.of(), 5, BatchProducer.NONE);
        assertThat(BatchDecoder.check(empty.flip(), 0, 100, true)).isEqualTo(BatchCheck.VALID);
        assertThat(decode(empty, 0, Long.MAX_VALUE)).isEmpty();
        assertThat(BatchFormat.endOffset(empty, 0)).isEqualTo(103);
    }

    @Test
    void shouldEncodeVarintsOfEverySizeBothWays() {
        long seed = System.nanoTime();
        System.out.println("shouldEncodeVarintsOfEverySizeBothWays seed " + seed);
        Random random = new Random(seed);
        ByteBuffer buffer = ByteBuffer.allocate(16);
        for (int i = 0; i < 10_000; i++) {
            int value = random.nextInt() >> random.nextInt(32);
            long wide = random.nextLong() >> random.nextInt(64);
            buffer.clear();
            Varint.putInt(buffer, value);
            assertThat(buffer.position()).isEqualTo(Varint.sizeOfInt(value));
            assertThat(Varint.getInt(buffer.flip())).isEqualTo(value);
            buffer.clear();
            Varint.putLong(buffer, wide);
            assertThat(buffer.position()).isEqualTo(Varint.sizeOfLong(wide));
            assertThat(Varint.getLong(buffer.flip())).isEqualTo(wide);
        }
        assertThat(Varint.sizeOfInt(-1)).isEqualTo(1);
        assertThat(Varint.sizeOfInt(Integer.MIN_VALUE)).isEqualTo(5);
        assertThat(Varint.sizeOfLong(Long.MIN_VALUE)).isEqualTo(10);
    }

    static ByteBuffer encode(List<Append> records, long baseOffset) {
        return encode(records, baseOffset, BatchProducer.NONE);
    }

    static ByteBuffer encode(List<Append> records, long baseOffset, BatchProducer producer) {
        ByteBuffer buffer = ByteBuffer.allocate((int) BatchFormat.sizeOf(records, producer));
        BatchEncoder.encode(buffer, records, producer);
        BatchEncoder.seal(buffer.flip(), 0, baseOffset);
        return buffer;
    }

    private static List<ChannelRecord> decode(ByteBuffer batch, long from, long to) {
        List<ChannelRecord> out = new ArrayList<>();
        assertThat(BatchDecoder.decode(batch, 0, 3, from, to, Integer.MAX_VALUE, out))
                .isEqualTo(BatchCheck.VALID);
        return out;
    }

    private static void reseal(ByteBuffer batch) {
        batch.putInt(BatchFormat.CRC_OFFSET, BatchEncoder.crcOf(batch, 0, batch.limit()));
    }

    private static ByteBuffer copy(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.limit());
        copy.put(buffer.duplicate().rewind()).flip();
        return copy;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
