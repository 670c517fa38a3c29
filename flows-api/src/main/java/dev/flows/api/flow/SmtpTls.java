package dev.flows.api.flow;

import java.util.Locale;
import java.util.Optional;

/** How an email destination protects its connection to the SMTP server. */
public enum SmtpTls {

    /** Plain SMTP: nothing is encrypted. For a relay on the same machine only. */
    NONE(25),

    /** Plain SMTP upgraded with {@code STARTTLS}, which is required: a server that does not offer it is refused. */
    STARTTLS(587),

    /** TLS from the first byte ("implicit TLS", SMTPS). */
    SMTPS(465);

    private final int defaultPort;

    SmtpTls(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The port this mode usually listens on: 25, 587 or 465. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The mode as flow files write it: {@code none}, {@code starttls}, {@code smtps}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode written {@code text}, if any. */
    public static Optional<SmtpTls> ofText(String text) {
        for (SmtpTls tls : values()) {
            if (tls.text().equals(text)) {
                return Optional.of(tls);
            }
        }
        return Optional.empty();
    }
}
