package dev.flows.log.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyPartitionerTest {

    @Test
    void shouldHashLikeKafkasMurmur2() {
        // Kafka's own test vectors (UtilsTest.testMurmur2).
        assertThat(KeyPartitioner.murmur2(bytes("21"))).isEqualTo(-973932308);
        assertThat(KeyPartitioner.murmur2(bytes("foobar"))).isEqualTo(-790332482);
        assertThat(KeyPartitioner.murmur2(bytes("a-little-bit-long-string"))).isEqualTo(-985981536);
        assertThat(KeyPartitioner.murmur2(bytes("a-little-bit-longer-string"))).isEqualTo(-1486304829);
        assertThat(KeyPartitioner.murmur2(bytes("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8")))
                .isEqualTo(-58897971);
        assertThat(KeyPartitioner.murmur2(new byte[] {'a', 'b', 'c'})).isEqualTo(479470107);
    }

    @Test
    void shouldPickThePartitionKafkaWouldPick() {
        KeyPartitioner partitioner = new KeyPartitioner(7);

        // (murmur2 & 0x7fffffff) % 7, worked out from the vectors above.
        assertThat(partitioner.partition(bytes("21"))).isEqualTo((-973932308 & 0x7fffffff) % 7);
        assertThat(partitioner.partition(bytes("foobar"))).isEqualTo((-790332482 & 0x7fffffff) % 7);
        assertThat(partitioner.partition(new byte[] {'a', 'b', 'c'})).isEqualTo(479470107 % 7);
    }

    @Test
    void shouldMapTheSameKeyToTheSamePartitionAlways() {
        KeyPartitioner partitioner = new KeyPartitioner(16);

        IntStream.range(0, 1000).forEach(i -> {
            byte[] key = bytes("user-" + i);
            int partition = partitioner.partition(key);
            assertThat(partition).isBetween(0, 15);
            assertThat(partitioner.partition(key.clone())).isEqualTo(partition);
        });
    }

    @Test
    void shouldSendRecordsWithoutKeyRoundRobin() {
        KeyPartitioner partitioner = new KeyPartitioner(3);

        assertThat(IntStream.range(0, 6).map(i -> partitioner.partition(null))).containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void shouldRefuseNoPartitions() {
        assertThatThrownBy(() -> new KeyPartitioner(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1, was 0");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
