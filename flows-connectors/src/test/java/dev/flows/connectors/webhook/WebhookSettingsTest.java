package dev.flows.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    @Test
    void shouldDefaultToTenSecondRequestTimeout() {
        assertThat(WebhookSettings.DEFAULTS.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldRefuseTimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> new WebhookSettings(Duration.ofSeconds(5), Duration.ZERO))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("webhook requestTimeout must be positive, was PT0S; use a duration such as PT10S");
    }
}
