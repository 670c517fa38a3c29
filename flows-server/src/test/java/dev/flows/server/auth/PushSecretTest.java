package dev.flows.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PushSecretTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void shouldSignAsTheReadmeTellsABackendTo() throws Exception {
        // What the README's backend snippet computes: HMAC-SHA256 of "channel:user:expires", base64url, no padding.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal("notifications:u1:1767225600".getBytes(StandardCharsets.UTF_8)));

        PushSecret secret = PushSecret.of(SECRET);

        assertThat(secret.sign("notifications", "u1", 1767225600)).isEqualTo(expected);
        assertThat(secret.verifies("notifications", "u1", 1767225600, expected)).isTrue();
        assertThat(secret.verifies("notifications", "u1", 1767225600, expected + "="))
                .isTrue();
    }

    @Test
    void shouldRefuseAnotherChannelUserExpiryOrSecret() {
        PushSecret secret = PushSecret.of(SECRET);
        String signature = secret.sign("notifications", "u1", 100);

        assertThat(secret.verifies("alerts", "u1", 100, signature)).isFalse();
        assertThat(secret.verifies("notifications", "u2", 100, signature)).isFalse();
        assertThat(secret.verifies("notifications", "u1", 101, signature)).isFalse();
        assertThat(secret.verifies("notifications", "u1", 100, "not base64 !")).isFalse();
        assertThat(PushSecret.of(SECRET.toUpperCase()).verifies("notifications", "u1", 100, signature))
                .isFalse();
        assertThat(secret.toString()).doesNotContain(SECRET);
    }

    @Test
    void shouldRefuseASecretShorterThan32Characters() {
        assertThatThrownBy(() -> PushSecret.of("short"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the push secret has 5 characters, fewer than 32; give --push-secret (env"
                        + " FLOWS_PUSH_SECRET) at least 32 random characters, e.g. the output of: openssl rand"
                        + " -base64 32");
    }
}
