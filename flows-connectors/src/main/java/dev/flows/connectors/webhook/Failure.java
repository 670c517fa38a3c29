package dev.flows.connectors.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;

/**
 * Why one delivery attempt failed, whether another attempt may help, and how to say so to the operator.
 * Immutable.
 */
sealed interface Failure {

    /** Whether another attempt may succeed. */
    boolean retryable();

    /** The wait the receiver asked for, which replaces the policy's backoff. */
    Optional<Duration> retryAfter();

    /** What went wrong over {@code attempts} attempts, to follow {@code POST <url> }. */
    String describe(int attempts);

    /** What the operator should do about it. */
    String hint();

    /** The receiver's status code, when it answered. */
    OptionalInt responseCode();

    /**
     * Whether the failure says the receiver is down (no connection, no answer in time, or a 5xx) rather than
     * refusing this one event; what a {@code flows.connector.down} event reports.
     */
    boolean receiverDown();

    /**
     * The receiver answered with a status other than 2xx.
     *
     * @param excerpt    the start of the body on one line, may be empty
     * @param location   the {@code Location} header, which explains a redirect
     * @param retryAfter the {@code Retry-After} of a 429 or 503, in whole seconds
     */
    record Answered(int status, String excerpt, Optional<String> location, Optional<Duration> retryAfter)
            implements Failure {

        static Answered of(Answer answer) {
            int status = answer.status();
            boolean asksToWait = status == 429 || status == 503;
            Optional<Duration> retryAfter = asksToWait ? RetryAfter.parse(answer.retryAfter()) : Optional.empty();
            return new Answered(status, answer.excerpt(), answer.location(), retryAfter);
        }

        @Override
        public OptionalInt responseCode() {
            return OptionalInt.of(status);
        }

        @Override
        public boolean retryable() {
            return status == 408 || status == 425 || status == 429 || (status >= 500 && status <= 599);
        }

        @Override
        public boolean receiverDown() {
            return status >= 500 && status <= 599;
        }

        @Override
        public String describe(int attempts) {
            String answer = "answered " + StatusPhrase.of(status) + " after " + attempts
                    + (attempts == 1 ? " attempt" : " attempts");
            return excerpt.isEmpty() ? answer : answer + ": " + excerpt;
        }

        @Override
        public String hint() {
            if (status / 100 == 3) {
                return "the receiver redirects"
                        + location.map(to -> " to " + to).orElse("")
                        + " and redirects are not followed; point the flow's webhook url at the final address";
            }
            return switch (status) {
                case 401, 403 -> "the receiver refused the credentials; check the flow's webhook headers";
                case 404, 410 -> "nothing receives events at that address; check the flow's webhook url";
                case 429 -> "the receiver is rate limiting; lower the event rate or lengthen the flow's retry backoff";
                default ->
                    retryable()
                            ? "the receiver kept failing; check its health and logs"
                            : "the receiver refused the event, fix the receiver or the flow";
            };
        }
    }

    /**
     * No answer came: the connection failed or the attempt timed out.
     *
     * @param detail what happened, for example {@code connection refused}
     */
    record Unanswered(String detail, String hint, boolean retryable) implements Failure {

        private static final String UNREACHABLE = "is the receiver running and reachable at that address?";

        static Unanswered timedOut(Duration requestTimeout) {
            return new Unanswered(
                    "no answer within " + HumanDuration.of(requestTimeout),
                    "the receiver is slow or stuck; make it answer within " + HumanDuration.of(requestTimeout)
                            + " or raise the webhook request timeout",
                    true);
        }

        /**
         * Classifies why an exchange failed: a refused address (not retryable: the policy will not change), a
         * timeout, a connection or resolution failure, another I/O error (all retryable), or anything else (a bug).
         */
        static Unanswered of(Throwable error, Duration connectTimeout, Duration requestTimeout) {
            Optional<OutboundRefusedException> refused = find(error, OutboundRefusedException.class);
            if (refused.isPresent()) {
                return new Unanswered(
                        refused.get().getMessage().replaceFirst(";.*", ""),
                        refused.get().getMessage().replaceFirst("^[^;]*; ", ""),
                        false);
            }
            if (find(error, TimeoutException.class).isPresent()) {
                return timedOut(requestTimeout);
            }
            if (find(error, SocketTimeoutException.class).isPresent()) {
                return new Unanswered(
                        "could not connect within " + HumanDuration.of(connectTimeout), UNREACHABLE, true);
            }
            if (find(error, UnknownHostException.class).isPresent()
                    || find(error, UnresolvedAddressException.class).isPresent()) {
                return new Unanswered(
                        "could not resolve the host name", "check the flow's webhook url and the DNS", true);
            }
            if (find(error, ConnectException.class).isPresent()) {
                return couldNotConnect(find(error, ConnectException.class).get());
            }
            if (error instanceof IOException
                    || error instanceof UncheckedIOException
                    || find(error, IOException.class).isPresent()) {
                return new Unanswered(
                        "I/O error: " + message(error),
                        "check the receiver's logs and the network between Flows and the receiver",
                        true);
            }
            return new Unanswered(
                    "unexpected " + error.getClass().getName() + ": " + message(error),
                    "retrying cannot help; this is a bug in Flows, report it with this message",
                    false);
        }

        private static Unanswered couldNotConnect(ConnectException error) {
            String detail = firstMessage(error)
                    .map(m -> m.toLowerCase(Locale.ROOT).contains("refused")
                            ? "connection refused"
                            : "could not connect: " + m)
                    .orElse("could not connect (connection refused or host unreachable)");
            return new Unanswered(detail, UNREACHABLE, true);
        }

        private static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return Optional.of(type.cast(t));
                }
            }
            return Optional.empty();
        }

        @Override
        public OptionalInt responseCode() {
            return OptionalInt.empty();
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.empty();
        }

        @Override
        public boolean receiverDown() {
            return retryable; // an I/O failure or a timeout; not a bug in Flows
        }

        @Override
        public String describe(int attempts) {
            return "failed " + attempts + (attempts == 1 ? " time: " : " times: ") + detail;
        }

        /** The first message in the cause chain: the JDK often wraps the informative exception in a bare one. */
        private static String message(Throwable error) {
            return firstMessage(error).orElse(error.getClass().getSimpleName());
        }

        private static Optional<String> firstMessage(Throwable error) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t.getMessage() != null && !t.getMessage().isBlank()) {
                    return Optional.of(t.getMessage());
                }
            }
            return Optional.empty();
        }
    }
}
