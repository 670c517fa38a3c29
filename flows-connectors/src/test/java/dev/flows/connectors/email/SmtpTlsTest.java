package dev.flows.connectors.email;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import dev.flows.api.flow.Secret;
import dev.flows.api.flow.SmtpServer;
import dev.flows.api.flow.SmtpTls;
import dev.flows.api.sink.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS as the destination asks: SMTPS with a trusted CA file (host name checked) or a trusted host, an
 * untrusted certificate refused without retry, STARTTLS required (GreenMail does not offer it, so the mail
 * is refused rather than sent in clear), and a login.
 */
@Timeout(30)
class SmtpTlsTest {

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final EmailConnector connector =
            EmailConnector.builder().sleeper(sleeper).build();
    private GreenMail mail;

    @AfterEach
    void stop() {
        mail.stop();
    }

    @Test
    void shouldSendOverSmtpsTrustingTheCaFileAndCheckingTheHostName() throws Exception {
        mail = Mailer.smtps(Mailer.freePort());

        Delivery delivery = send(smtps().withCaFile(Mailer.caFile()));

        assertThat(delivery).isEqualTo(new Delivery.Delivered(1));
        assertThat(mail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void shouldSendOverSmtpsToATrustedHost() throws Exception {
        mail = Mailer.smtps(Mailer.freePort());

        Delivery delivery = send(smtps().withTrustHost(Mailer.HOST));

        assertThat(delivery).isEqualTo(new Delivery.Delivered(1));
    }

    @Test
    void shouldRefuseAnUntrustedCertificateWithoutRetrying() throws Exception {
        mail = Mailer.smtps(Mailer.freePort());

        Delivery delivery = send(smtps());

        assertThat(delivery).isInstanceOfSatisfying(Delivery.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(1);
            assertThat(gaveUp.reason())
                    .startsWith("smtps://127.0.0.1:" + mail.getSmtps().getPort() + " failed 1 time: TLS failed:")
                    .contains("check the server's certificate");
        });
        assertThat(mail.getReceivedMessages()).isEmpty();
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void shouldRefuseToSendInClearWhenStarttlsIsRequiredButNotOffered() throws Exception {
        mail = Mailer.smtp(Mailer.freePort());
        SmtpServer starttls = SmtpServer.of(Mailer.HOST, mail.getSmtp().getPort(), SmtpTls.STARTTLS)
                .withTimeouts(ofSeconds(2), ofSeconds(2));

        Delivery delivery = send(starttls);

        assertThat(delivery).isInstanceOfSatisfying(Delivery.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(1);
            assertThat(gaveUp.reason()).contains("failed 1 time: the server does not offer STARTTLS");
        });
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void shouldLogInWhenTheDestinationHasAUser() throws Exception {
        mail = new GreenMail(new com.icegreen.greenmail.util.ServerSetup(
                        Mailer.freePort(), Mailer.HOST, com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTPS))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("shop", "s3cret"));
        Mailer.useTestCertificate();
        mail.start();
        SmtpServer server = smtps().withTrustHost(Mailer.HOST);

        Delivery good = send(server.withLogin("shop", new Secret("s3cret")));
        Delivery bad = send(server.withLogin("shop", new Secret("wrong")));

        assertThat(good).isEqualTo(new Delivery.Delivered(1));
        assertThat(bad).isInstanceOfSatisfying(Delivery.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(1);
            assertThat(gaveUp.reason()).contains("refused the login").contains("check the smtp user and password");
        });
    }

    private SmtpServer smtps() {
        return SmtpServer.of(Mailer.HOST, mail.getSmtps().getPort(), SmtpTls.SMTPS)
                .withTimeouts(ofSeconds(2), ofSeconds(2));
    }

    private Delivery send(SmtpServer server) throws InterruptedException {
        return connector
                .sink("orders", Emails.spec(server, 3), Emails.TEXT)
                .deliver(Emails.order("evt-11", "ana@example.com", "Order A-25"));
    }
}
