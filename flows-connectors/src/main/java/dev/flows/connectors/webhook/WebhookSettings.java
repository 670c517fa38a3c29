package dev.flows.connectors.webhook;

import dev.flows.api.error.ConfigurationException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * How patient a {@link WebhookSink} is with one receiver. Immutable.
 *
 * @param connectTimeout how long to wait for a TCP connection; used by {@link #newHttpClient()} only, so it
 *     has no effect on a client built elsewhere
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

    /**
     * A new client fit for webhooks: HTTP/1.1 (receivers behind plain proxies), redirects never followed (a
     * redirect is reported, not chased to a host nobody configured), and {@link #connectTimeout}. The client
     * is thread-safe and meant to be shared by many sinks; whoever creates it closes it.
     */
    public HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException(
                    "webhook " + name + " must be positive, was " + value + "; use a duration such as PT10S");
        }
    }
}
