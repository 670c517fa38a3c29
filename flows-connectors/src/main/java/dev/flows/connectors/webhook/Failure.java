package dev.flows.connectors.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

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

        static Answered of(HttpResponse<String> response) {
            int status = response.statusCode();
            boolean asksToWait = status == 429 || status == 503;
            Optional<Duration> retryAfter =
                    asksToWait ? RetryAfter.parse(response.headers().firstValue("Retry-After")) : Optional.empty();
            return new Answered(status, response.body(), response.headers().firstValue("Location"), retryAfter);
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

        /** Classifies what {@link HttpClient#sendAsync} completed with; only I/O errors are retryable. */
        static Unanswered of(Throwable error, HttpClient client, Duration requestTimeout) {
            if (error instanceof HttpConnectTimeoutException) {
                String within = client.connectTimeout()
                        .map(t -> " within " + HumanDuration.of(t))
                        .orElse("");
                return new Unanswered("could not connect" + within, UNREACHABLE, true);
            }
            if (error instanceof HttpTimeoutException) {
                return timedOut(requestTimeout);
            }
            if (error instanceof ConnectException) {
                return couldNotConnect(error);
            }
            if (error instanceof IOException || error instanceof UncheckedIOException) {
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

        /**
         * The JDK client reports a refused or unreachable connection as a bare {@link ConnectException}
         * caused by a bare {@code ClosedChannelException}, so the two cannot be told apart; an unknown host
         * shows as an {@link UnresolvedAddressException} cause.
         */
        private static Unanswered couldNotConnect(Throwable error) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t instanceof UnresolvedAddressException) {
                    return new Unanswered(
                            "could not resolve the host name", "check the flow's webhook url and the DNS", true);
                }
            }
            String detail = firstMessage(error)
                    .map(m -> m.toLowerCase(Locale.ROOT).contains("refused")
                            ? "connection refused"
                            : "could not connect: " + m)
                    .orElse("could not connect (connection refused or host unreachable)");
            return new Unanswered(detail, UNREACHABLE, true);
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
