package dev.flows.log.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Header;
import dev.flows.api.channel.Position;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.error.StorageException;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.log.recovery.CheckpointIgnored;
import dev.flows.log.recovery.IndexRebuilt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins batch format version 3 to a committed fixture, in both directions: writing and reading; and pins
 * that version 2, which the encoder no longer writes, stays readable.
 */
class GoldenSegmentTest {

    private static final String FIXTURE = "segment-v3-two-batches.hex";
    private static final String FIXTURE_V2 = "segment-v2-two-batches.hex";
    private static final String PRODUCER = "flow:keyed-count:3";
    private static final String VALUE_0 = "{\"type\":\"shop.order.placed\",\"amount\":42}";

    @TempDir
    Path directory;

    @Test
    void shouldEncodeTheKnownBatchesToTheGoldenBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(300);
        BatchEncoder.encode(
                buffer,
                List.of(
                        new Append(bytes("user-1"), bytes(VALUE_0), 1_700_000_000_000L),
                        new Append(
                                null, bytes("hello"), 1_700_000_000_001L, List.of(new Header("trace", bytes("t1"))))),
                new BatchProducer(PRODUCER, 7, 12));
        BatchEncoder.seal(buffer, 0, 0);
        int second = buffer.position();
        BatchEncoder.encode(buffer, List.of(new Append(bytes("user-1"), null, 1_699_999_999_999L)));
        BatchEncoder.seal(buffer.duplicate().position(second).slice(), 0, 2);
        byte[] encoded = new byte[buffer.flip().remaining()];
        buffer.get(encoded);

        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(HexFormat.of().formatHex(golden(FIXTURE)));
    }

    @Test
    void shouldReadTheGoldenSegmentAndRebuildWhatIsDerived() throws IOException {
        readTheGoldenSegmentAndRebuildWhatIsDerived(FIXTURE);
    }

    @Test
    void shouldStillReadAVersion2Segment() throws IOException {
        readTheGoldenSegmentAndRebuildWhatIsDerived(FIXTURE_V2);
    }

    @Test
    void shouldRebuildTheProducerStateFromTheGoldenSegmentWithoutACheckpoint() throws IOException {
        writeChannel(FIXTURE, "format.version=2\npartitions=1\n");

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel channel = log.open(new ChannelDefinition("golden", 1, SourceLocation.JAVA));
            List<Position> positions = channel.append(
                    PRODUCER,
                    List.of(
                            new SequencedAppend(new Append(bytes("user-1"), bytes("again"), 0), 12),
                            new SequencedAppend(new Append(bytes("user-1"), bytes("new"), 0), 13)));

            assertThat(positions).containsExactly(Position.duplicateIn(0), new Position(0, 3));
        }
    }

    private void readTheGoldenSegmentAndRebuildWhatIsDerived(String fixture) throws IOException {
        writeChannel(fixture, "format.version=2\npartitions=1\n");

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel channel = log.open(new ChannelDefinition("golden", 1, SourceLocation.JAVA));
            List<ChannelRecord> records = channel.read(0, 0, 10);

            assertThat(log.recoveryEvents())
                    .hasExactlyElementsOfTypes(CheckpointIgnored.class)
                    .as("no index, no checkpoint: the segment is scanned whole, nothing is cut");
            assertThat(records).hasSize(3);
            assertThat(records.get(0).offset()).isZero();
            assertThat(records.get(0).timestampMs()).isEqualTo(1_700_000_000_000L);
            assertThat(records.get(0).key()).asString(StandardCharsets.UTF_8).isEqualTo("user-1");
            assertThat(records.get(0).value()).asString(StandardCharsets.UTF_8).isEqualTo(VALUE_0);
            assertThat(records.get(1).offset()).isEqualTo(1);
            assertThat(records.get(1).key()).isNull();
            assertThat(records.get(1).value()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
            assertThat(records.get(1).headers()).singleElement().satisfies(header -> {
                assertThat(header.key()).isEqualTo("trace");
                assertThat(header.value()).asString(StandardCharsets.UTF_8).isEqualTo("t1");
            });
            assertThat(records.get(2).offset()).isEqualTo(2);
            assertThat(records.get(2).value()).isNull();
            assertThat(channel.endOffset(0)).isEqualTo(3);
            assertThat(channel.offsetForTime(0, Instant.ofEpochMilli(1_700_000_000_001L)))
                    .isEqualTo(1);
        }
        assertThat(directory.resolve("golden/0/00000000000000000000.index")).exists();
        assertThat(Files.readAllBytes(directory.resolve("golden/0/00000000000000000000.log")))
                .as("reading never rewrites a segment")
                .isEqualTo(golden(fixture));
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            log.open(new ChannelDefinition("golden", 1, SourceLocation.JAVA));
            assertThat(log.recoveryEvents())
                    .noneMatch(IndexRebuilt.class::isInstance)
                    .isEmpty();
        }
    }

    @Test
    void shouldRefuseAChannelOfFormatVersion1WithAClearWay() throws IOException {
        writeChannel(FIXTURE, "format.version=1\npartitions=1\n");

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            assertThatThrownBy(() -> log.open(new ChannelDefinition("golden", 1, SourceLocation.JAVA)))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("format.version=1")
                    .hasMessageContaining("no longer reads")
                    .hasMessageContaining("move the channel's directory");
        }
    }

    private void writeChannel(String fixture, String properties) throws IOException {
        Path partition = Files.createDirectories(directory.resolve("golden/0"));
        Files.write(partition.resolve("00000000000000000000.log"), golden(fixture));
        Files.writeString(directory.resolve("golden/channel.properties"), properties);
    }

    /** The fixture's bytes: hex digits, with whitespace and '#' comments ignored. */
    static byte[] golden(String fixture) {
        try (InputStream in = GoldenSegmentTest.class.getResourceAsStream(fixture)) {
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
