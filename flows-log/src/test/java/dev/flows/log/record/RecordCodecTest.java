package dev.flows.log.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    private static final Append APPEND = new Append(bytes("user-1"), bytes("{\"n\":1}"), 1_700_000_000_123L);

    @Test
    void shouldDecodeWhatItEncodes() {
        ByteBuffer buffer = encode(APPEND, 42);

        assertThat(RecordDecoder.check(buffer, 0, 42, true)).isEqualTo(RecordCheck.VALID);
        ChannelRecord record = RecordDecoder.decode(buffer, 0, 3);
        assertThat(record.partition()).isEqualTo(3);
        assertThat(record.offset()).isEqualTo(42);
        assertThat(record.timestampMs()).isEqualTo(1_700_000_000_123L);
        assertThat(record.key()).isEqualTo(APPEND.key());
        assertThat(record.value()).isEqualTo(APPEND.value());
    }

    @Test
    void shouldEncodeANullKeyAsMinusOne() {
        ByteBuffer buffer = encode(new Append(null, new byte[0], 0), 0);

        assertThat(buffer.limit()).isEqualTo(RecordFormat.MIN_RECORD_BYTES);
        assertThat(buffer.getInt(RecordFormat.KEY_LENGTH_OFFSET)).isEqualTo(-1);
        assertThat(RecordDecoder.decode(buffer, 0, 0).key()).isNull();
    }

    @Test
    void shouldDetectEveryFlippedBitAfterTheLengthField() {
        ByteBuffer original = encode(APPEND, 7);
        long seed = System.nanoTime();
        System.out.println("shouldDetectEveryFlippedBitAfterTheLengthField seed " + seed);
        Random random = new Random(seed);
        for (int at = RecordFormat.CRC_OFFSET; at < original.limit(); at++) {
            ByteBuffer damaged = copy(original);
            damaged.put(at, (byte) (damaged.get(at) ^ (1 << random.nextInt(8))));

            assertThat(RecordDecoder.check(damaged, 0, 7, true))
                    .as("flip at byte %d", at)
                    .isInstanceOf(RecordCheck.Corrupt.class);
        }
    }

    @Test
    void shouldRefuseARecordWithAnotherOffsetThanExpected() {
        assertThat(RecordDecoder.check(encode(APPEND, 7), 0, 8, true))
                .isEqualTo(new RecordCheck.Corrupt("it holds offset 7 where 8 was expected"));
    }

    @Test
    void shouldTellANewerFormatFromDamage() {
        ByteBuffer newer = encode(APPEND, 7);
        newer.put(RecordFormat.MAGIC_OFFSET, (byte) 2);
        resealCrc(newer);

        assertThat(RecordDecoder.check(newer, 0, 7, false)).isInstanceOf(RecordCheck.Unsupported.class);
        newer.put(RecordFormat.ATTRIBUTES_OFFSET, (byte) 1);
        assertThat(RecordDecoder.check(newer, 0, 7, false)).isInstanceOf(RecordCheck.Corrupt.class);
    }

    @Test
    void shouldSkipHeadersThatALaterWriterAdds() {
        // A version 1 record with one header, as a later writer will produce it: the header count is there
        // so headers need no new format version.
        byte[] name = bytes("traceparent");
        byte[] value = bytes("00-abc-01");
        int size = RecordFormat.MIN_RECORD_BYTES
                + APPEND.key().length
                + APPEND.value().length
                + 8
                + name.length
                + value.length;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(size - 4).putInt(0).put((byte) 1).put((byte) 0).putLong(5).putLong(APPEND.timestampMs());
        buffer.putInt(APPEND.key().length)
                .put(APPEND.key())
                .putInt(APPEND.value().length)
                .put(APPEND.value());
        buffer.putInt(1).putInt(name.length).put(name).putInt(value.length).put(value);
        buffer.flip();
        resealCrc(buffer);

        assertThat(RecordDecoder.check(buffer, 0, 5, true)).isEqualTo(RecordCheck.VALID);
        assertThat(RecordDecoder.decode(buffer, 0, 0).value()).isEqualTo(APPEND.value());
        buffer.putInt(size - 4 - value.length, value.length + 1);
        resealCrc(buffer);
        assertThat(RecordDecoder.check(buffer, 0, 5, true)).isInstanceOf(RecordCheck.Corrupt.class);
    }

    private static ByteBuffer encode(Append append, long offset) {
        ByteBuffer buffer = ByteBuffer.allocate((int) RecordFormat.sizeOf(append));
        int written = RecordEncoder.encode(buffer, offset, append);
        assertThat(written).isEqualTo(buffer.capacity());
        return buffer.flip();
    }

    private static void resealCrc(ByteBuffer record) {
        CRC32C crc = new CRC32C();
        crc.update(record.slice(RecordFormat.CRC_START, record.limit() - RecordFormat.CRC_START));
        record.putInt(RecordFormat.CRC_OFFSET, (int) crc.getValue());
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
