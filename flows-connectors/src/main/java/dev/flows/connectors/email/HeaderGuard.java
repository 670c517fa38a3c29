package dev.flows.connectors.email;

import dev.flows.api.sink.EmailMessage;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a rendered email that would let event data write headers: a CR, LF or NUL in an address or the
 * subject (header injection: {@code "x\r\nBcc: everyone@example.com"}), an address that does not parse
 * strictly as RFC 822 ({@link InternetAddress#parse(String, boolean)} with {@code strict}), or no recipient
 * at all. Such a mail is never sent, and retrying cannot change it. Stateless.
 */
final class HeaderGuard {

    /** The longest rendered value a reason quotes, so that a reason stays one readable line. */
    private static final int QUOTED_CHARS = 80;

    private HeaderGuard() {}

    /** What checking a rendered email came to. */
    sealed interface Verdict {}

    /** The email may be sent. */
    record Ready(CheckedEmail email) implements Verdict {}

    /**
     * The email must not be sent.
     *
     * @param reason what is wrong, the field and value, and what to do
     */
    record Refused(String reason) implements Verdict {}

    static Verdict check(EmailMessage message) {
        Optional<String> subjectProblem = lineBreak("subject", message.subject());
        if (subjectProblem.isPresent()) {
            return new Refused(subjectProblem.get());
        }
        List<String> problems = new ArrayList<>();
        List<InternetAddress> to = addresses("to", message.to(), problems);
        List<InternetAddress> cc = addresses("cc", message.cc(), problems);
        List<InternetAddress> bcc = addresses("bcc", message.bcc(), problems);
        if (!problems.isEmpty()) {
            return new Refused(problems.getFirst());
        }
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            return new Refused(
                    "no recipient: every to, cc and bcc template rendered empty; check that the event"
                            + " has the fields the templates name, or give a default, e.g. {{data.email | \"ops@example.com\"}}");
        }
        return new Ready(new CheckedEmail(to, cc, bcc, message.subject(), message.text(), message.html()));
    }

    private static List<InternetAddress> addresses(String field, List<String> rendered, List<String> problems) {
        List<InternetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < rendered.size(); i++) {
            String name = rendered.size() == 1 ? field : field + "[" + i + "]";
            String value = rendered.get(i);
            Optional<String> problem = lineBreak(name, value);
            if (problem.isPresent()) {
                problems.add(problem.get());
            } else if (!value.isBlank()) {
                parse(name, value, addresses, problems);
            }
        }
        return addresses;
    }

    private static void parse(String field, String value, List<InternetAddress> into, List<String> problems) {
        try {
            for (InternetAddress address : InternetAddress.parse(value, true)) {
                address.validate();
                into.add(address);
            }
        } catch (AddressException e) {
            problems.add(field + " rendered " + quote(value) + ", which is not an email address (" + e.getMessage()
                    + "); check the template and the event's data, e.g. data.email");
        }
    }

    /** A reason when {@code value} holds a CR, LF or NUL, which would end the header and start another. */
    static Optional<String> lineBreak(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                return Optional.of(field + " rendered " + quote(value) + ", which holds a "
                        + (c == '\0' ? "NUL" : "line break (CR or LF)")
                        + ": refused as header injection, nothing was sent; remove line breaks from the event's"
                        + " data before this flow sends it, or leave that field out of the " + field + " template");
            }
        }
        return Optional.empty();
    }

    /** The value in quotes, control characters shown as escapes, cut to {@link #QUOTED_CHARS}. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < value.length() && i < QUOTED_CHARS; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\0' -> out.append("\\0");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append(value.length() > QUOTED_CHARS ? "…'" : "'").toString();
    }
}
