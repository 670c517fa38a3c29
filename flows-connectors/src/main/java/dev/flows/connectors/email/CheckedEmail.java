package dev.flows.connectors.email;

import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A rendered email that passed {@link HeaderGuard}: every address parsed strictly, no line break in any
 * header value, at least one recipient. Immutable (the addresses are never changed after the check).
 */
record CheckedEmail(
        List<InternetAddress> to,
        List<InternetAddress> cc,
        List<InternetAddress> bcc,
        String subject,
        Optional<String> text,
        Optional<String> html) {

    CheckedEmail {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }
}
