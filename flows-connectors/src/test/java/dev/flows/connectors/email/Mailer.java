package dev.flows.connectors.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * GreenMail, the SMTP server the tests send to, on a loopback port. SMTPS uses the test certificate of
 * {@code src/test/resources/email} (for 127.0.0.1 and localhost; {@code smtp-test-ca.pem} is its PEM), which
 * GreenMail reads from system properties once per JVM, so every test that starts SMTPS goes through here.
 */
final class Mailer {

    static final String HOST = "127.0.0.1";
    static final String PASSWORD = "changeit";

    private Mailer() {}

    /** A port that was free a moment ago, for a server that starts later. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static GreenMail smtp(int port) {
        GreenMail mail = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    static GreenMail smtps(int port) {
        useTestCertificate();
        GreenMail mail = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTPS));
        mail.start();
        return mail;
    }

    /** The PEM of the test certificate, as a flow's ca-file. */
    static Path caFile() {
        return resource("email/smtp-test-ca.pem");
    }

    /** Makes GreenMail's SMTPS use the test certificate; call before starting one built by hand. */
    static synchronized void useTestCertificate() {
        System.setProperty(
                "greenmail.tls.keystore.file", resource("email/smtp-test.p12").toString());
        System.setProperty("greenmail.tls.keystore.password", PASSWORD);
        System.setProperty("greenmail.tls.key.password", PASSWORD);
    }

    private static Path resource(String name) {
        try {
            return Path.of(Mailer.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
