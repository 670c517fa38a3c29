package dev.flows.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void shouldTakeNearestRankPercentilesOfUnsortedSamples() {
        long[] nanos = LongStream.rangeClosed(1, 1000)
                .map(i -> (1001 - i) * 1_000_000L)
                .toArray();

        Latency latency = Latency.of(nanos);

        assertThat(latency.samples()).isEqualTo(1000);
        assertThat(latency.p50Ms()).isEqualTo(500.0);
        assertThat(latency.p99Ms()).isEqualTo(990.0);
        assertThat(latency.p999Ms()).isEqualTo(999.0);
        assertThat(latency.maxMs()).isEqualTo(1000.0);
    }

    @Test
    void shouldGiveTheOnlySampleForEveryPercentile() {
        Latency latency = Latency.of(new long[] {250_000});

        assertThat(latency.p50Ms()).isEqualTo(0.25);
        assertThat(latency.p999Ms()).isEqualTo(0.25);
    }

    @Test
    void shouldRefuseNoSamples() {
        assertThatThrownBy(() -> Latency.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
