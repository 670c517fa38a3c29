package dev.flows.connectors.webhook;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.DeliveryAttempt;
import dev.flows.api.sink.Sink;
import dev.flows.api.system.SystemEvent;
import dev.flows.connectors.retry.Sleeper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each event to the URL of a {@link Destination.ToWebhook}, at least once, through its
 * {@link WebhookConnector}'s client (which refuses loopback, private and link-local addresses unless allowed).
 * Each request carries the body ({@link WebhookBody}: the event as CloudEvents JSON, or a template rendered for
 * it) with its {@code Content-Type}, the destination's headers, {@code Idempotency-Key} (the event id), the
 * Standard Webhooks {@code webhook-id} (the event id, the same on every attempt) and {@code webhook-timestamp}
 * (this attempt's, in seconds), {@code webhook-signature} when the destination has a secret, and {@code
 * User-Agent: flows-webhook/1}.
 *
 * <p>A 2xx answer delivers the event. Connection errors, timeouts, 408, 425, 429 and 5xx are retried up to the
 * destination's {@link RetryPolicy#maxAttempts()}, waiting a random time between zero and {@link
 * RetryPolicy#backoffAfter(int)} ("full jitter") after each failed attempt, or what a 429 or 503 asks for in
 * {@code Retry-After} seconds, capped at {@link RetryPolicy#maxBackoff()}. Any other answer (3xx, other 4xx) and a
 * refused address are final: redirects are reported, never followed. Giving up returns {@link Delivery.GaveUp}
 * with a reason that says what happened, where and what to do. Every attempt is recorded in the connector's
 * {@link dev.flows.api.sink.DeliveryLog}, and logged at DEBUG when it failed.
 *
 * <p>When a give-up says the receiver is down (no connection, no answer in time, or 5xx after every retry), the
 * sink publishes {@code flows.connector.down}, and {@code flows.connector.up} at its next delivery: once per
 * change, not per event. The target in them is the URL without user info or query.
 *
 * <p>Thread-safe: the sink holds no per-delivery state (whether its receiver is down is an atomic flag), so
 * several threads may deliver through it at once, provided the injected {@link Sleeper} is thread-safe too.
 * {@link #deliver} blocks for up to {@code maxAttempts} request timeouts plus the waits between them.
 */
public final class WebhookSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);

    /** The connector's name in system events. */
    static final String CONNECTOR = "webhook";

    /** How long past the request timeout to wait for Jetty to report it, before aborting by ourselves. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final WebhookConnector connector;
    private final String flow;
    private final String destination;
    private final RetryPolicy retry;
    private final RequestTemplate requests;
    private final WebhookBody body;
    private final Optional<Signer> signer;
    private final AtomicBoolean down = new AtomicBoolean();

    WebhookSink(WebhookConnector connector, String flow, Destination.ToWebhook spec, WebhookBody body) {
        this.connector = connector;
        this.flow = flow;
        this.destination = spec.deliveryName();
        this.retry = spec.retry();
        this.body = body;
        this.requests = RequestTemplate.of(spec, connector.settings().requestTimeout());
        this.signer = spec.secret().map(secret -> Signer.of(secret, spec.location()));
    }

    /**
     * Delivers one event, retrying as the destination's policy says. Blocks until delivered or given up.
     *
     * @return {@link Delivery.Delivered} with the attempts made, or {@link Delivery.GaveUp} with the last
     *     failure: status and body excerpt, the I/O error, or the refused address
     * @throws InterruptedException if interrupted while sending or waiting to retry; the event may then have
     *     reached the receiver or not
     */
    @Override
    public Delivery deliver(Event event) throws InterruptedException {
        byte[] bytes = body.render(event);
        String webhookId = RequestTemplate.webhookId(event.id());
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            Outcome outcome = post(event, webhookId, bytes);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Optional<Failure> failure = outcome.failure();
            if (failure.isEmpty()) {
                record(
                        event,
                        attempt,
                        DeliveryAttempt.Status.DELIVERED,
                        outcome.responseCode(),
                        Optional.empty(),
                        took);
                if (down.compareAndSet(true, false)) {
                    connector.systemEvents().publish(SystemEvent.connectorUp(CONNECTOR, requests.address()));
                }
                return new Delivery.Delivered(attempt);
            }
            boolean last = !failure.get().retryable() || attempt >= retry.maxAttempts();
            DeliveryAttempt.Status status = last ? DeliveryAttempt.Status.GAVE_UP : DeliveryAttempt.Status.RETRYING;
            record(event, attempt, status, failure.get().responseCode(), failure, took);
            if (last) {
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
            connector.sleeper().sleep(wait);
        }
    }

    /** The destination's name in delivery records: its {@code name}, or {@code webhook:<url without query>}. */
    public String destination() {
        return destination;
    }

    /** What one attempt came to: the receiver's status code, if it answered, and the failure, if any. */
    private record Outcome(OptionalInt responseCode, Optional<Failure> failure) {

        static Outcome failed(Failure failure) {
            return new Outcome(failure.responseCode(), Optional.of(failure));
        }
    }

    /** One attempt, bounded by the request timeout from sending to the end of the answer's body. */
    private Outcome post(Event event, String webhookId, byte[] bytes) throws InterruptedException {
        Request request =
                requests.newRequest(connector.client(), bytes, body.contentType(), headers(event, webhookId, bytes));
        BodyExcerpt listener = new BodyExcerpt();
        request.send(listener);
        Duration timeout = connector.settings().requestTimeout().plus(GRACE);
        try {
            Answer answer = listener.answer().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return answer.delivered()
                    ? new Outcome(OptionalInt.of(answer.status()), Optional.empty())
                    : Outcome.failed(Failure.Answered.of(answer));
        } catch (TimeoutException e) {
            request.abort(e);
            return Outcome.failed(
                    Failure.Unanswered.timedOut(connector.settings().requestTimeout()));
        } catch (InterruptedException e) {
            request.abort(e);
            throw e;
        } catch (ExecutionException e) {
            WebhookSettings settings = connector.settings();
            return Outcome.failed(
                    Failure.Unanswered.of(e.getCause(), settings.connectTimeout(), settings.requestTimeout()));
        }
    }

    /** The headers of one attempt; the timestamp, and so the signature, is new on every attempt. */
    private Map<String, String> headers(Event event, String webhookId, byte[] bytes) {
        long timestamp = connector.clock().instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", body.contentType());
        headers.put("Idempotency-Key", RequestTemplate.idempotencyKey(event.id()));
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        signer.ifPresent(s -> headers.put("webhook-signature", s.sign(webhookId, timestamp, bytes)));
        return headers;
    }

    private void record(
            Event event,
            int attempt,
            DeliveryAttempt.Status status,
            OptionalInt responseCode,
            Optional<Failure> failure,
            Duration took) {
        connector
                .deliveryLog()
                .record(new DeliveryAttempt(
                        flow,
                        destination,
                        event.id(),
                        attempt,
                        status,
                        responseCode,
                        failure.map(f -> requests.target() + " " + f.describe(attempt) + "; " + f.hint()),
                        connector.clock().instant(),
                        took));
    }

    private Duration waitAfter(int attempt, Failure failure) {
        return failure.retryAfter()
                .map(asked -> asked.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : asked)
                .orElseGet(() -> connector.jitter().after(retry, attempt));
    }

    private Delivery giveUp(Event event, int attempts, Failure failure) {
        String reason = requests.target() + " " + failure.describe(attempts) + "; " + failure.hint();
        if (failure.receiverDown() && down.compareAndSet(false, true)) {
            connector.systemEvents().publish(SystemEvent.connectorDown(CONNECTOR, requests.address(), reason));
        }
        // The caller decides what giving up means (a dead-letter channel) and logs it once, with the flow.
        LOG.debug("Webhook gave up on event {}: {}", event.id(), reason);
        return new Delivery.GaveUp(attempts, reason);
    }
}
