package dev.flows.api.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One attempt to deliver a notification (a webhook call now; an email or a push later), as an operator
 * reads it back. Immutable.
 *
 * @param flow         the flow that delivered
 * @param destination  the destination's stable name, such as {@code webhook:https://hooks.example.com/x}
 *                     (never a query or user info, which may hold secrets) or the name the flow file gives it
 * @param eventId      the id of the event delivered
 * @param attempt      1 for the first attempt, counting on through retries
 * @param status       what the attempt means for the event
 * @param responseCode the receiver's status code; empty when no answer came (a connection error, a timeout)
 * @param error        why the attempt failed, with what to do; empty when it delivered
 * @param time         when the attempt ended
 * @param duration     how long it took, from connecting to the end of the answer
 */
public record DeliveryAttempt(
        String flow,
        String destination,
        String eventId,
        int attempt,
        Status status,
        OptionalInt responseCode,
        Optional<String> error,
        Instant time,
        Duration duration) {

    public DeliveryAttempt {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(responseCode, "responseCode");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(duration, "duration");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }

    /** What an attempt means for its event. */
    public enum Status {
        /** The receiver accepted the event: no more attempts. */
        DELIVERED,
        /** The attempt failed and another one will follow. */
        RETRYING,
        /** The attempt failed and was the last: the event goes to the dead-letter channel. */
        GAVE_UP;

        /** The status as records and the HTTP API write it: {@code delivered}, {@code retrying}, {@code gave-up}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The status of that {@link #text()}, if any. */
        public static Optional<Status> ofText(String text) {
            for (Status status : values()) {
                if (status.text().equals(text)) {
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        }
    }
}
