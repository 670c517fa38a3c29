package dev.flows.connectors.webhook;

import dev.flows.api.error.ConnectorException;
import dev.flows.api.flow.Destination;
import dev.flows.api.sink.DeliveryLog;
import dev.flows.api.system.SystemEvents;
import dev.flows.connectors.retry.Attempts;
import dev.flows.connectors.retry.FullJitter;
import dev.flows.connectors.retry.Sleeper;
import java.time.Clock;
import java.util.Objects;
import org.eclipse.jetty.client.HttpClient;

/**
 * Makes webhook sinks that share one HTTP client (Jetty's, HTTP/1.1, redirects never followed) whose address
 * resolver is the SSRF guard ({@link GuardedResolver}: only addresses the {@link OutboundPolicy} allows are
 * connected to), and what every sink records and reports to: the {@link DeliveryLog}, the system events, the
 * clock of {@code webhook-timestamp}, the jitter of retries and the sleeper between them. See
 * {@code docs/decisions/0013-outbound-http.md} for why Jetty's client. Thread-safe; {@link #close} stops the
 * client, after which its sinks fail every attempt.
 */
public final class WebhookConnector implements AutoCloseable {

    private final HttpClient client;
    private final WebhookSettings settings;
    private final Attempts attempts;

    private WebhookConnector(Builder builder) {
        this.settings = builder.settings;
        this.attempts = builder.attempts();
        this.client = start(new GuardedResolver(builder.outbound, builder.hostLookup), settings);
    }

    /** A builder with the defaults: public addresses only, nothing recorded or reported, real sleeps. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A sink for one destination of flow {@code flow}.
     *
     * @param body the request body: {@link WebhookBody#of(dev.flows.api.event.EventFormat)} or a template's
     * @throws dev.flows.api.error.FlowDefinitionException if the URL, a header or the secret cannot be used
     */
    public WebhookSink sink(String flow, Destination.ToWebhook spec, WebhookBody body) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(body, "body");
        return new WebhookSink(this, flow, spec, body);
    }

    /** Stops the client; sinks made here are not usable afterwards. */
    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new ConnectorException("stopping the webhook HTTP client failed: " + e.getMessage(), false, e);
        }
    }

    HttpClient client() {
        return client;
    }

    WebhookSettings settings() {
        return settings;
    }

    DeliveryLog deliveryLog() {
        return attempts.deliveryLog();
    }

    SystemEvents systemEvents() {
        return attempts.systemEvents();
    }

    Sleeper sleeper() {
        return attempts.sleeper();
    }

    FullJitter jitter() {
        return attempts.jitter();
    }

    Clock clock() {
        return attempts.clock();
    }

    private static HttpClient start(GuardedResolver resolver, WebhookSettings settings) {
        HttpClient client = new HttpClient();
        client.setName("flows-webhooks");
        client.setFollowRedirects(false);
        client.setConnectTimeout(settings.connectTimeout().toMillis());
        client.setSocketAddressResolver(resolver);
        client.setUserAgentField(null); // each request sets its own
        try {
            client.start();
            // No protocol handlers (the client adds them as it starts): a redirect, an authentication challenge
            // or a 100-continue is the receiver's answer to report, never something to act on by ourselves.
            client.getProtocolHandlers().clear();
            return client;
        } catch (Exception e) {
            throw new ConnectorException(
                    "could not start the webhook HTTP client: " + e.getMessage()
                            + "; check that the process may open sockets and threads",
                    false,
                    e);
        }
    }

    /** How to build a connector; each setting has a default (see also {@link Attempts.Builder}). Not thread-safe. */
    public static final class Builder extends Attempts.Builder<Builder> {
        private WebhookSettings settings = WebhookSettings.DEFAULTS;
        private OutboundPolicy outbound = OutboundPolicy.PUBLIC_ONLY;
        private HostLookup hostLookup = HostLookup.system();

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** Connect and request timeouts; default 5 s and 10 s. */
        public Builder settings(WebhookSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Which addresses may be connected to beyond public ones; default none. */
        public Builder outbound(OutboundPolicy value) {
            this.outbound = Objects.requireNonNull(value, "outbound");
            return this;
        }

        /** How host names are resolved; tests answer like a lying DNS server. */
        Builder hostLookup(HostLookup value) {
            this.hostLookup = Objects.requireNonNull(value, "hostLookup");
            return this;
        }

        /**
         * Starts the connector's HTTP client.
         *
         * @throws ConnectorException if the client cannot start
         */
        public WebhookConnector build() {
            return new WebhookConnector(this);
        }
    }
}
