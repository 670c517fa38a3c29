package dev.flows.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.ConfigurationException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    @Test
    void shouldBuildHttp11ClientThatNeverFollowsRedirects() {
        try (HttpClient client = WebhookSettings.DEFAULTS.newHttpClient()) {
            assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
            assertThat(client.connectTimeout()).isEqualTo(Optional.of(Duration.ofSeconds(5)));
        }
    }

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
