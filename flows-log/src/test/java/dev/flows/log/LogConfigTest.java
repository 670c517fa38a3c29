package dev.flows.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Durability;
import dev.flows.api.error.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogConfigTest {

    @Test
    void shouldLetChannelPoliciesDecideByDefault() {
        LogConfig defaults = LogConfig.defaults();

        assertThat(defaults.durability()).isNull();
        assertThat(defaults.indexIntervalBytes()).isEqualTo(4096);
        assertThat(defaults.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.tombstoneRetention()).isEqualTo(Duration.ofDays(1));
        assertThat(defaults.withDurability(Durability.OS).durability()).isEqualTo(Durability.OS);
    }

    @Test
    void shouldReportEveryBadSettingAtOnce() {
        assertThatThrownBy(() -> new LogConfig(null, 10, Duration.ZERO, null, Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("indexIntervalBytes is 10, outside 64 to 1048576 bytes")
                .hasMessageContaining("checkpointInterval is PT0S, shorter than 10 ms")
                .hasMessageContaining("cleanupInterval is null")
                .hasMessageContaining("tombstoneRetention is PT-1S");
    }
}
