package dev.flows.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.ConfigurationException;
import org.junit.jupiter.api.Test;

class LogConfigTest {

    @Test
    void shouldDefaultToFsyncAnd64MiBSegments() {
        LogConfig defaults = LogConfig.defaults();

        assertThat(defaults.durability()).isEqualTo(Durability.FSYNC);
        assertThat(defaults.segmentBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void shouldReportEveryBadSettingAtOnce() {
        assertThatThrownBy(() -> new LogConfig(null, 512))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("durability is missing; set it to FSYNC")
                .hasMessageContaining("segmentBytes is 512, outside 1024 to 1073741824 bytes")
                .hasMessageContaining("67108864 (64 MiB) is the default");
    }

    @Test
    void shouldRefuseSegmentsOverOneGibibyte() {
        assertThatThrownBy(() -> LogConfig.defaults().withSegmentBytes(LogConfig.SEGMENT_BYTES_MAX + 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("segmentBytes is 1073741825");
    }
}
