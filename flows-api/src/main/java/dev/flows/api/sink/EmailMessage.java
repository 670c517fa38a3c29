package dev.flows.api.sink;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One email as an email destination's templates rendered it for one event, before any check: the sink
 * parses the addresses strictly and refuses header injection (CR, LF or NUL in an address or the subject).
 * Immutable.
 *
 * @param to      the rendered {@code to} templates, each one address or a comma-separated list
 * @param cc      the rendered {@code cc} templates, likewise
 * @param bcc     the rendered {@code bcc} templates, likewise
 * @param subject the rendered subject
 * @param text    the plain-text body, if the destination has one
 * @param html    the HTML body, if the destination has one (its values HTML-escaped)
 */
public record EmailMessage(
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        Optional<String> text,
        Optional<String> html) {

    public EmailMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }
}
