package dev.flows.log.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins record format version 1 to a committed fixture, in both directions: writing and reading. */
class GoldenSegmentTest {

    private static final String FIXTURE = "segment-v1-two-records.hex";
    private static final String VALUE_0 = "{\"type\":\"shop.order.placed\",\"amount\":42}";

    @TempDir
    Path directory;

    @Test
    void shouldEncodeTheTwoKnownRecordsToTheGoldenBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(200);
        RecordEncoder.encode(buffer, 0, new Append(bytes("user-1"), bytes(VALUE_0), 1_700_000_000_000L));
        RecordEncoder.encode(buffer, 1, new Append(null, bytes("hello"), 1_700_000_000_001L));
        byte[] encoded = new byte[buffer.flip().remaining()];
        buffer.get(encoded);

        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(HexFormat.of().formatHex(golden()));
    }

    @Test
    void shouldReadTheGoldenSegment() throws IOException {
        Path partition = Files.createDirectories(directory.resolve("golden/0"));
        Files.write(partition.resolve("00000000000000000000.log"), golden());
        Files.writeString(directory.resolve("golden/channel.properties"), "format.version=1\npartitions=1\n");

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel channel = log.open(new ChannelDefinition("golden", 1, SourceLocation.JAVA));
            List<ChannelRecord> records = channel.read(0, 0, 10);

            assertThat(log.recoveryEvents()).isEmpty();
            assertThat(records).hasSize(2);
            assertThat(records.get(0).offset()).isZero();
            assertThat(records.get(0).timestampMs()).isEqualTo(1_700_000_000_000L);
            assertThat(records.get(0).key()).asString(StandardCharsets.UTF_8).isEqualTo("user-1");
            assertThat(records.get(0).value()).asString(StandardCharsets.UTF_8).isEqualTo(VALUE_0);
            assertThat(records.get(1).offset()).isEqualTo(1);
            assertThat(records.get(1).timestampMs()).isEqualTo(1_700_000_000_001L);
            assertThat(records.get(1).key()).isNull();
            assertThat(records.get(1).value()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
            assertThat(channel.endOffset(0)).isEqualTo(2);
        }
    }

    /** The fixture's bytes: hex digits, with whitespace and '#' comments ignored. */
    static byte[] golden() {
        try (InputStream in = GoldenSegmentTest.class.getResourceAsStream(FIXTURE)) {
            String hex = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(line -> line.replaceAll("#.*", "").replaceAll("\\s+", ""))
                    .collect(Collectors.joining());
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
