package dev.flows.connectors.email;

import dev.flows.api.flow.SmtpServer;
import dev.flows.api.flow.SmtpTls;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Properties;

/**
 * The Jakarta Mail session of one email destination: its server, TLS mode and timeouts as the {@code
 * mail.smtp.*} properties of Angus Mail's SMTP transport, made once when the sink is made. Always the {@code
 * smtp} protocol, with {@code ssl.enable} for SMTPS, so that every setting has one name. Certificates are
 * checked, chain and host name, unless the destination trusts its host ({@code trust-host}, for tests).
 * Thread-safe: every send opens a {@link Transport} of its own.
 */
final class SmtpSession {

    private static final String P = "mail.smtp.";

    private final SmtpServer server;
    private final Session session;

    /**
     * @param where the destination's position, for messages about its ca-file
     * @throws dev.flows.api.error.ConfigurationException if its ca-file cannot be used
     */
    SmtpSession(SmtpServer server, String where) {
        this.server = server;
        this.session = Session.getInstance(properties(server, where));
    }

    Session session() {
        return session;
    }

    /** A transport connected (and authenticated, when the destination has a user) to the server. */
    Transport connect() throws MessagingException {
        Transport transport = session.getTransport("smtp");
        transport.connect(
                server.host(),
                server.port(),
                server.user().orElse(null),
                server.password().map(secret -> secret.value()).orElse(null));
        return transport;
    }

    static Properties properties(SmtpServer server, String where) {
        Properties properties = new Properties();
        properties.put(P + "host", server.host());
        properties.put(P + "port", Integer.toString(server.port()));
        properties.put(P + "auth", Boolean.toString(server.user().isPresent()));
        properties.put(
                P + "connectiontimeout", Long.toString(server.connectTimeout().toMillis()));
        properties.put(P + "timeout", Long.toString(server.timeout().toMillis()));
        // No writetimeout: Angus enforces it with a thread per connection; the read timeout already bounds a
        // stuck server, which stops reading only after it stopped answering.
        properties.put(P + "sendpartial", "false"); // one refused recipient fails the mail: a retry sends it whole
        if (server.tls() == SmtpTls.STARTTLS) {
            properties.put(P + "starttls.enable", "true");
            properties.put(P + "starttls.required", "true");
        } else if (server.tls() == SmtpTls.SMTPS) {
            properties.put(P + "ssl.enable", "true");
        }
        if (server.tls() != SmtpTls.NONE) {
            trust(server, where, properties);
        }
        return properties;
    }

    private static void trust(SmtpServer server, String where, Properties properties) {
        if (server.trustHost().isPresent()) {
            properties.put(P + "ssl.trust", server.trustHost().get());
            properties.put(P + "ssl.checkserveridentity", "false");
            return;
        }
        properties.put(P + "ssl.checkserveridentity", "true");
        server.caFile().ifPresent(file -> properties.put(P + "ssl.socketFactory", CaTrust.socketFactory(file, where)));
    }
}
