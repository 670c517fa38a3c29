package dev.flows.connectors.webhook;

import dev.flows.api.error.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * How patient the sinks of a {@link WebhookConnector} are with one receiver. Immutable.
 *
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long one attempt may take, from sending the request to reading the answer's
 *     body; an attempt that takes longer fails and is retried
 */
public record WebhookSettings(Duration connectTimeout, Duration requestTimeout) {

    /** Connect within 5 s, answer within 10 s. */
    public static final WebhookSettings DEFAULTS = new WebhookSettings(Duration.ofSeconds(5), Duration.ofSeconds(10));

    /**
     * @throws ConfigurationException if a timeout is not positive
     */
    public WebhookSettings {
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException(
                    "webhook " + name + " must be positive, was " + value + "; use a duration such as PT10S");
        }
    }
}
