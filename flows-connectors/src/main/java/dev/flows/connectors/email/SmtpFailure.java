package dev.flows.connectors.email;

import java.util.OptionalInt;

/**
 * Why one attempt to send an email failed, whether another attempt may help, and how to say so to the
 * operator. Immutable.
 */
sealed interface SmtpFailure {

    /** Whether another attempt may succeed: no connection, a timeout, an SMTP 4xx reply. */
    boolean retryable();

    /** The SMTP reply code, when the server answered one. */
    OptionalInt replyCode();

    /** What went wrong over {@code attempts} attempts, to follow the server's address. */
    String describe(int attempts);

    /** What the operator should do about it. */
    String hint();

    /**
     * Whether the failure says the server is down or unreachable (rather than refusing this one mail): what a
     * {@code flows.connector.down} event reports.
     */
    boolean serverDown();

    /**
     * The server answered with a reply code other than success.
     *
     * @param code      the reply code, such as 550
     * @param reply     the server's reply on one line, such as {@code 550 5.1.1 unknown user}
     * @param recipient the address the reply was about, empty when it was about the whole mail
     * @param stage     what was refused: {@code recipient}, {@code sender}, {@code mail}, {@code login},
     *                  {@code connection}
     */
    record Replied(int code, String reply, String recipient, String stage) implements SmtpFailure {

        @Override
        public boolean retryable() {
            return code >= 400 && code < 500;
        }

        @Override
        public OptionalInt replyCode() {
            return OptionalInt.of(code);
        }

        @Override
        public boolean serverDown() {
            return code == 421;
        }

        @Override
        public String describe(int attempts) {
            String about = recipient.isEmpty() ? "" : " " + recipient;
            return "refused the " + stage + about + " with '" + reply + "' after " + Attempts.of(attempts);
        }

        @Override
        public String hint() {
            if (retryable()) {
                return "the server kept deferring (4xx): check its queue, limits and logs; redrive once it accepts"
                        + " mail again";
            }
            return switch (stage) {
                case "recipient" ->
                    "the server will not take mail for that address; check the address the template rendered and"
                            + " the event's data, retrying cannot help";
                case "sender" -> "the server will not take mail from the flow's 'from'; use a sender it accepts";
                case "login" -> "check the smtp user and password (and that the server allows them to send)";
                default -> "the server refused the mail; check its policy and logs, retrying cannot help";
            };
        }
    }

    /**
     * No reply came, or the connection could not be made or secured.
     *
     * @param detail what happened, for example {@code connection refused}
     */
    record Unanswered(String detail, String hint, boolean retryable) implements SmtpFailure {

        @Override
        public OptionalInt replyCode() {
            return OptionalInt.empty();
        }

        @Override
        public boolean serverDown() {
            return retryable;
        }

        @Override
        public String describe(int attempts) {
            return "failed " + attempts + (attempts == 1 ? " time: " : " times: ") + detail;
        }
    }

    /**
     * The mail was not sent because it must not be: a header-injection attempt, an address that does not
     * parse, no recipient. Never retried.
     */
    record Refused(String reason) implements SmtpFailure {

        @Override
        public boolean retryable() {
            return false;
        }

        @Override
        public OptionalInt replyCode() {
            return OptionalInt.empty();
        }

        @Override
        public boolean serverDown() {
            return false;
        }

        @Override
        public String describe(int attempts) {
            return "not sent: " + reason;
        }

        @Override
        public String hint() {
            return "redrive it once the event or the template is fixed";
        }
    }

    /** "1 attempt", "3 attempts". */
    final class Attempts {
        private Attempts() {}

        static String of(int attempts) {
            return attempts + (attempts == 1 ? " attempt" : " attempts");
        }
    }
}
