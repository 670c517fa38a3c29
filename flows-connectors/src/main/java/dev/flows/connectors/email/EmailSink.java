package dev.flows.connectors.email;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SmtpServer;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.DeliveryAttempt;
import dev.flows.api.sink.EmailMessage;
import dev.flows.api.sink.Sink;
import dev.flows.api.system.SystemEvent;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one email per event for a {@link Destination.ToEmail}, at least once. The destination's templates are
 * rendered for the event, then {@link HeaderGuard} refuses header injection and strictly parses every address:
 * a refused mail is never sent and gives up at once. Otherwise the message ({@link MimeDraft}: the stable
 * {@code Message-ID} of {@link MessageIds} and {@code X-Flows-Event-Id}) goes over a new SMTP connection per
 * attempt, as the destination's TLS mode says. No connection, a timeout and an SMTP 4xx reply are retried up
 * to the policy's attempts, waiting a random time up to the policy's backoff (full jitter); a 5xx reply, a TLS
 * failure and a refused mail give up at once. Giving up returns {@link Delivery.GaveUp} with the SMTP reply in
 * the reason. Every attempt goes to the connector's {@link dev.flows.api.sink.DeliveryLog} with its reply code
 * (250 when sent).
 *
 * <p>When a give-up says the server is down (no connection, no answer, 421), the sink publishes {@code
 * flows.connector.down}, and {@code flows.connector.up} at its next delivery: once per change.
 *
 * <p>Thread-safe: each attempt has its own connection and message. {@link #deliver} blocks for up to {@code
 * maxAttempts} connect and read timeouts plus the waits between them.
 */
public final class EmailSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(EmailSink.class);

    /** The connector's name in system events. */
    static final String CONNECTOR = "email";

    private final EmailConnector connector;
    private final String flow;
    private final String destination;
    private final SmtpServer server;
    private final RetryPolicy retry;
    private final InternetAddress from;
    private final SmtpSession session;
    private final Function<Event, EmailMessage> render;
    private final AtomicBoolean down = new AtomicBoolean();

    EmailSink(EmailConnector connector, String flow, Destination.ToEmail spec, Function<Event, EmailMessage> render) {
        this.connector = connector;
        this.flow = flow;
        this.destination = spec.deliveryName();
        this.server = spec.smtp();
        this.retry = spec.retry();
        this.from = from(spec);
        this.session = new SmtpSession(spec.smtp(), spec.location().toString());
        this.render = render;
    }

    /**
     * Sends the event's email, retrying as the destination's policy says. Blocks until sent or given up.
     *
     * @return {@link Delivery.Delivered} with the attempts made, or {@link Delivery.GaveUp} with the reason:
     *     the SMTP reply, the connection error, or why the mail was refused unsent
     * @throws InterruptedException if interrupted while waiting to retry
     */
    @Override
    public Delivery deliver(Event event) throws InterruptedException {
        Optional<CheckedEmail> email = Optional.empty();
        SmtpFailure refused = null;
        switch (check(event)) {
            case HeaderGuard.Ready ready -> email = Optional.of(ready.email());
            case HeaderGuard.Refused no -> refused = new SmtpFailure.Refused(no.reason());
        }
        String messageId = MessageIds.of(destination, event, from.getAddress());
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            Outcome outcome = email.isPresent() ? send(event, email.get(), messageId) : Outcome.failed(refused);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (outcome.failure().isEmpty()) {
                record(event, attempt, DeliveryAttempt.Status.DELIVERED, outcome.replyCode(), Optional.empty(), took);
                if (down.compareAndSet(true, false)) {
                    connector.systemEvents().publish(SystemEvent.connectorUp(CONNECTOR, server.address()));
                }
                return new Delivery.Delivered(attempt);
            }
            SmtpFailure failure = outcome.failure().get();
            boolean last = !failure.retryable() || attempt >= retry.maxAttempts();
            DeliveryAttempt.Status status = last ? DeliveryAttempt.Status.GAVE_UP : DeliveryAttempt.Status.RETRYING;
            record(event, attempt, status, failure.replyCode(), Optional.of(reason(failure, attempt)), took);
            if (last) {
                return giveUp(event, attempt, failure);
            }
            Duration wait = connector.backoff().after(retry, attempt);
            LOG.debug(
                    "Email attempt {} for event {} failed: {}; retrying in {}",
                    attempt,
                    event.id(),
                    reason(failure, attempt),
                    Human.of(wait));
            connector.sleeper().sleep(wait);
        }
    }

    /** The destination's name in delivery records: its {@code name}, or {@code email:host:port}. */
    public String destination() {
        return destination;
    }

    private HeaderGuard.Verdict check(Event event) {
        EmailMessage message;
        try {
            message = render.apply(event);
        } catch (RuntimeException e) {
            // Templates never throw; a renderer that does is a bug, reported on the event rather than thrown.
            return new HeaderGuard.Refused("rendering the templates failed: " + e + "; this is a bug in Flows,"
                    + " report it with this message");
        }
        return HeaderGuard.check(message);
    }

    /** One attempt: connect, send, close; the reply code of a success is the last one (250 after DATA). */
    private Outcome send(Event event, CheckedEmail email, String messageId) {
        try {
            MimeMessage message = MimeDraft.of(
                    session.session(),
                    from,
                    email,
                    event,
                    messageId,
                    connector.clock().instant());
            Transport transport = session.connect();
            try {
                transport.sendMessage(message, message.getAllRecipients());
                int code = transport instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : 250;
                return new Outcome(OptionalInt.of(code), Optional.empty());
            } finally {
                closeQuietly(transport);
            }
        } catch (MessagingException e) {
            return Outcome.failed(SmtpFailures.of(e, server));
        }
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // The mail was sent or not before QUIT; a failing QUIT changes neither.
            LOG.debug("Closing the SMTP connection failed: {}", e.getMessage());
        }
    }

    private String reason(SmtpFailure failure, int attempts) {
        return server.address() + " " + failure.describe(attempts) + "; " + failure.hint();
    }

    private void record(
            Event event,
            int attempt,
            DeliveryAttempt.Status status,
            OptionalInt replyCode,
            Optional<String> error,
            Duration took) {
        connector
                .deliveryLog()
                .record(new DeliveryAttempt(
                        flow,
                        destination,
                        event.id(),
                        attempt,
                        status,
                        replyCode,
                        error,
                        connector.clock().instant(),
                        took));
    }

    private Delivery giveUp(Event event, int attempts, SmtpFailure failure) {
        String reason = reason(failure, attempts);
        if (failure.serverDown() && down.compareAndSet(false, true)) {
            connector.systemEvents().publish(SystemEvent.connectorDown(CONNECTOR, server.address(), reason));
        }
        // The caller decides what giving up means (a dead-letter channel) and logs it once, with the flow.
        LOG.debug("Email gave up on event {}: {}", event.id(), reason);
        return new Delivery.GaveUp(attempts, reason);
    }

    private static InternetAddress from(Destination.ToEmail spec) {
        Optional<String> lineBreak = HeaderGuard.lineBreak("from", spec.from());
        try {
            if (lineBreak.isEmpty()) {
                InternetAddress address = new InternetAddress(spec.from(), true);
                address.validate();
                return address;
            }
        } catch (AddressException e) {
            throw new FlowDefinitionException(List.of(new Problem(
                    spec.location(),
                    "email from '" + spec.from() + "' is not an email address (" + e.getMessage()
                            + "); write e.g. from: \"Shop <shop@example.com>\"")));
        }
        throw new FlowDefinitionException(List.of(new Problem(spec.location(), lineBreak.get())));
    }

    /** What one attempt came to: the reply code, if any, and the failure, if any. */
    private record Outcome(OptionalInt replyCode, Optional<SmtpFailure> failure) {

        static Outcome failed(SmtpFailure failure) {
            return new Outcome(failure.replyCode(), Optional.of(failure));
        }
    }
}
