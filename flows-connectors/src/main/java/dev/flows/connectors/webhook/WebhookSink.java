package dev.flows.connectors.webhook;

import dev.flows.api.event.Event;
import dev.flows.api.event.EventFormat;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.Sink;
import dev.flows.api.system.SystemEvent;
import dev.flows.api.system.SystemEvents;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each event, encoded by an {@link EventFormat}, to the URL of a {@link Destination.ToWebhook}, at
 * least once. Each request carries {@code Content-Type} (the format's media type), the destination's
 * headers, {@code Idempotency-Key} (the event id, for receivers to dedupe) and {@code User-Agent:
 * flows-webhook/1}.
 *
 * <p>A 2xx answer delivers the event. Connection errors, timeouts, 408, 425, 429 and 5xx are retried up to
 * the destination's {@link RetryPolicy#maxAttempts()}, waiting {@link RetryPolicy#backoffAfter(int)} after
 * each failed attempt, or what a 429 or 503 asks for in {@code Retry-After} seconds, capped at
 * {@link RetryPolicy#maxBackoff()}. Any other answer (3xx, other 4xx) is final: redirects are reported,
 * never followed. Giving up returns {@link Delivery.GaveUp} with a reason that says what happened, where
 * and what to do; each failed attempt and each give-up is logged at DEBUG (the caller logs what it does about a give-up).
 *
 * <p>When a give-up says the receiver is down (no connection, no answer in time, or 5xx after every retry), the
 * sink publishes {@code flows.connector.down} to its {@link SystemEvents}, and {@code flows.connector.up} at its
 * next delivery: once per change, not per event. The target in them is the URL without user info or query.
 *
 * <p>Thread-safe: the sink holds no per-delivery state (whether its receiver is down is an atomic flag), so
 * several threads may deliver through it at once, provided the injected {@link Sleeper} is thread-safe too. {@link #deliver} blocks for up to
 * {@code maxAttempts} request timeouts plus the waits between them.
 */
public final class WebhookSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);

    /** The connector's name in system events. */
    static final String CONNECTOR = "webhook";

    private final RetryPolicy retry;
    private final EventFormat format;
    private final HttpClient client;
    private final Sleeper sleeper;
    private final WebhookSettings settings;
    private final RequestTemplate requests;
    private final boolean ownsClient;
    private final SystemEvents systemEvents;
    private final AtomicBoolean down = new AtomicBoolean();

    /**
     * A sink with its own client from {@link WebhookSettings#DEFAULTS} (closed by {@link #close()}), that
     * really sleeps between attempts. Prefer sharing one client between many sinks with the other
     * constructors.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if the URL or a header cannot be sent
     */
    public WebhookSink(Destination.ToWebhook spec, EventFormat format) {
        this(spec, format, SystemEvents.NONE);
    }

    /**
     * A sink with its own client from {@link WebhookSettings#DEFAULTS} (closed by {@link #close()}), that
     * really sleeps between attempts and reports its receiver down and up again to {@code systemEvents}.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if the URL or a header cannot be sent
     */
    public WebhookSink(Destination.ToWebhook spec, EventFormat format, SystemEvents systemEvents) {
        // The template comes first so that a refused spec throws before a client (and its thread) exists.
        this(
                template(spec, format, WebhookSettings.DEFAULTS),
                spec,
                format,
                WebhookSettings.DEFAULTS.newHttpClient(),
                Sleeper.threadSleep(),
                WebhookSettings.DEFAULTS,
                true,
                systemEvents);
    }

    /**
     * A sink on a client the caller owns (and closes), with the default 10 s request timeout.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if the URL or a header cannot be sent
     */
    public WebhookSink(Destination.ToWebhook spec, EventFormat format, HttpClient client, Sleeper sleeper) {
        this(spec, format, client, sleeper, WebhookSettings.DEFAULTS);
    }

    /**
     * A sink on a client the caller owns (and closes). Of {@code settings}, only the request timeout applies:
     * the connect timeout is the client's.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if the URL or a header cannot be sent
     */
    public WebhookSink(
            Destination.ToWebhook spec,
            EventFormat format,
            HttpClient client,
            Sleeper sleeper,
            WebhookSettings settings) {
        this(spec, format, client, sleeper, settings, SystemEvents.NONE);
    }

    /**
     * A sink on a client the caller owns (and closes), reporting its receiver down and up again to
     * {@code systemEvents}. Of {@code settings}, only the request timeout applies: the connect timeout is the
     * client's.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if the URL or a header cannot be sent
     */
    public WebhookSink(
            Destination.ToWebhook spec,
            EventFormat format,
            HttpClient client,
            Sleeper sleeper,
            WebhookSettings settings,
            SystemEvents systemEvents) {
        this(template(spec, format, settings), spec, format, client, sleeper, settings, false, systemEvents);
    }

    private WebhookSink(
            RequestTemplate requests,
            Destination.ToWebhook spec,
            EventFormat format,
            HttpClient client,
            Sleeper sleeper,
            WebhookSettings settings,
            boolean ownsClient,
            SystemEvents systemEvents) {
        this.systemEvents = Objects.requireNonNull(systemEvents, "systemEvents");
        this.requests = requests;
        this.retry = spec.retry();
        this.format = format;
        this.client = Objects.requireNonNull(client, "client");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.settings = settings;
        this.ownsClient = ownsClient;
    }

    private static RequestTemplate template(Destination.ToWebhook spec, EventFormat format, WebhookSettings settings) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(settings, "settings");
        return RequestTemplate.of(spec, format.mediaType(), settings.requestTimeout());
    }

    /**
     * Delivers one event, retrying as the destination's policy says. Blocks until delivered or given up.
     *
     * @return {@link Delivery.Delivered} with the attempts made, or {@link Delivery.GaveUp} with the last
     *     failure: status and body excerpt, or the I/O error
     * @throws InterruptedException if interrupted while sending or waiting to retry; the event may then have
     *     reached the receiver or not
     */
    @Override
    public Delivery deliver(Event event) throws InterruptedException {
        HttpRequest request = requests.forEvent(event.id(), format.encode(event));
        for (int attempt = 1; ; attempt++) {
            Optional<Failure> failure = post(request);
            if (failure.isEmpty()) {
                if (down.compareAndSet(true, false)) {
                    systemEvents.publish(SystemEvent.connectorUp(CONNECTOR, requests.address()));
                }
                return new Delivery.Delivered(attempt);
            }
            if (!failure.get().retryable() || attempt >= retry.maxAttempts()) {
                return giveUp(event, attempt, failure.get());
            }
            Duration wait = waitAfter(attempt, failure.get());
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "Webhook attempt {} of {} for event {} failed: {} {}; retrying in {}",
                        attempt,
                        retry.maxAttempts(),
                        event.id(),
                        requests.target(),
                        failure.get().describe(attempt),
                        HumanDuration.of(wait));
            }
            sleeper.sleep(wait);
        }
    }

    /** Closes the client if this sink created it; a client passed in stays open for its owner to close. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /**
     * One attempt, bounded by the request timeout from sending to the end of the answer's body (the
     * client's own timeout stops at the answer's headers).
     */
    private Optional<Failure> post(HttpRequest request) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, BodyExcerpt.ofFailures());
        try {
            HttpResponse<String> response =
                    exchange.get(settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return response.statusCode() / 100 == 2 ? Optional.empty() : Optional.of(Failure.Answered.of(response));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return Optional.of(Failure.Unanswered.timedOut(settings.requestTimeout()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return Optional.of(Failure.Unanswered.of(e.getCause(), client, settings.requestTimeout()));
        }
    }

    private Duration waitAfter(int attempt, Failure failure) {
        return failure.retryAfter()
                .map(asked -> asked.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : asked)
                .orElseGet(() -> retry.backoffAfter(attempt));
    }

    private Delivery giveUp(Event event, int attempts, Failure failure) {
        String reason = requests.target() + " " + failure.describe(attempts) + "; " + failure.hint();
        if (failure.receiverDown() && down.compareAndSet(false, true)) {
            systemEvents.publish(SystemEvent.connectorDown(CONNECTOR, requests.address(), reason));
        }
        // The caller decides what giving up means (a dead-letter channel) and logs it once, with the flow.
        LOG.debug("Webhook gave up on event {}: {}", event.id(), reason);
        return new Delivery.GaveUp(attempts, reason);
    }
}
