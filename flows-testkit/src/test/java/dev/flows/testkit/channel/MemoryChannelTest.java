package dev.flows.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.Position;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory channel keeps the Channel contract: offsets, partitions by key, idempotent appends. */
class MemoryChannelTest {

    private final MemoryChannel channel = new MemoryChannel("events", 3, ChannelPolicy.DEFAULT);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Append keyed(String key, String value, long timestampMs) {
        return new Append(key == null ? null : bytes(key), bytes(value), timestampMs);
    }

    @Test
    void shouldGiveDenseOffsetsAndKeepAKeyInOnePartition() {
        List<Position> positions =
                channel.append(List.of(keyed("u1", "a", 1), keyed("u1", "b", 2), keyed("u1", "c", 3)));

        int partition = positions.getFirst().partition();
        assertThat(positions).extracting(Position::partition).containsOnly(partition);
        assertThat(positions).extracting(Position::offset).containsExactly(0L, 1L, 2L);
        assertThat(channel.read(partition, 1, 10))
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly("b", "c");
        assertThat(channel.endOffset(partition)).isEqualTo(3);
        assertThat(channel.offsetForTime(partition, Instant.ofEpochMilli(2))).isEqualTo(1);
        assertThat(channel.offsetForTime(partition, Instant.ofEpochMilli(9))).isEqualTo(3);
    }

    @Test
    void shouldSpreadRecordsWithoutAKeyAndListEveryRecordInAppendOrder() {
        channel.append(List.of(keyed(null, "a", 1), keyed(null, "b", 2), keyed(null, "c", 3)));

        assertThat(channel.records()).extracting(ChannelRecord::partition).containsExactly(0, 1, 2);
        assertThat(channel.records())
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly("a", "b", "c");
    }

    @Test
    void shouldDropWhatAProducerAlreadyAppendedToAPartition() {
        List<Position> first = channel.append("flow:x", List.of(sequenced("u1", "a", 0), sequenced("u1", "b", 5)));
        List<Position> again = channel.append(
                "flow:x", List.of(sequenced("u1", "a", 0), sequenced("u1", "b", 5), sequenced("u1", "c", 9)));
        List<Position> other = channel.append("flow:y", List.of(sequenced("u1", "a", 0)));

        assertThat(first).extracting(Position::duplicate).containsExactly(false, false);
        assertThat(again).extracting(Position::duplicate).containsExactly(true, true, false);
        assertThat(again.get(0).offset()).isEqualTo(Position.UNKNOWN_OFFSET);
        assertThat(again.get(2).offset()).isEqualTo(2);
        assertThat(other.getFirst().duplicate()).as("producers are independent").isFalse();
        assertThat(channel.records()).hasSize(4);
    }

    @Test
    void shouldRefuseSequencesThatDoNotIncreaseWithinAPartitionAndAppendNothing() {
        assertThatThrownBy(() -> channel.append("flow:x", List.of(sequenced("u1", "a", 3), sequenced("u1", "b", 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increasing");
        assertThatThrownBy(() -> channel.append("", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(channel.records()).isEmpty();
    }

    @Test
    void shouldWaitForARecordUntilTheTimeout() throws Exception {
        assertThat(channel.awaitRecords(0, 0, Duration.ofMillis(1))).isFalse();
        channel.append(List.of(keyed(null, "a", 1)));
        assertThat(channel.awaitRecords(0, 0, Duration.ZERO)).isTrue();
    }

    @Test
    void shouldSayThatGroupsAndQueuesAreNotInMemory() {
        assertThatThrownBy(() -> channel.group("g"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no consumer groups");
        assertThatThrownBy(() -> channel.queue("q"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no queues");
        assertThatThrownBy(() -> channel.read(3, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitions 0 to 2");
    }

    @Test
    void shouldOpenAChannelOnceAndRefuseAnotherPartitionCount() {
        MemoryChannelBackend backend = new MemoryChannelBackend();
        MemoryChannel opened = backend.open(new ChannelDefinition("a", 2, SourceLocation.JAVA));

        assertThat(backend.open(new ChannelDefinition("a", 2, SourceLocation.JAVA)))
                .isSameAs(opened);
        assertThatThrownBy(() -> backend.open(new ChannelDefinition("a", 3, SourceLocation.JAVA)))
                .isInstanceOf(ConfigurationException.class);
        assertThat(backend.find("a")).containsSame(opened);
        assertThat(backend.find("b")).isEmpty();
    }

    private static SequencedAppend sequenced(String key, String value, long sequence) {
        return new SequencedAppend(keyed(key, value, 0), sequence);
    }
}
