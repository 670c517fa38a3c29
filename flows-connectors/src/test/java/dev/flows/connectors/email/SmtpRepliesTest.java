package dev.flows.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.DeliveryAttempt;
import dev.flows.api.sink.DeliveryAttempt.Status;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SMTP replies GreenMail will not give, from a scripted server: 5xx gives up at once, 4xx is retried. */
@Timeout(30)
class SmtpRepliesTest {

    private final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final EmailConnector connector =
            EmailConnector.builder().deliveryLog(attempts::add).sleeper(sleeper).build();
    private ScriptedSmtp server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void shouldGiveUpAtOnceWhenTheServerRefusesTheRecipientWith550() throws Exception {
        server = ScriptedSmtp.replying(n -> "550 5.1.1 <nobody@example.com>: user unknown", n -> ScriptedSmtp.OK);

        Delivery delivery = send("nobody@example.com", 5);

        assertThat(delivery).isInstanceOfSatisfying(Delivery.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(1);
            assertThat(gaveUp.reason())
                    .startsWith("smtp://127.0.0.1:" + server.port() + " refused the recipient <nobody@example.com>"
                            + " with '550 5.1.1 <nobody@example.com>: user unknown' after 1 attempt;")
                    .contains("retrying cannot help");
        });
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.commands()).noneMatch(command -> command.startsWith("DATA"));
        assertThat(sleeper.waits()).isEmpty();
        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.status()).isEqualTo(Status.GAVE_UP);
            assertThat(attempt.responseCode()).isEqualTo(OptionalInt.of(550));
        });
    }

    @Test
    void shouldGiveUpAtOnceWhenTheServerRefusesTheMessageWith554() throws Exception {
        server = ScriptedSmtp.replying(n -> ScriptedSmtp.OK, n -> "554 5.7.1 message refused as spam");

        Delivery delivery = send("ana@example.com", 5);

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.reason())
                                .contains("refused the mail with '554 5.7.1 message refused as spam' after 1 attempt"));
        assertThat(attempts.getFirst().responseCode()).isEqualTo(OptionalInt.of(554));
    }

    @Test
    void shouldRetryA451DeferralThenSendWithTheSameMessageId() throws Exception {
        server = ScriptedSmtp.replying(
                n -> ScriptedSmtp.OK, n -> n == 1 ? "451 4.3.0 try again later" : ScriptedSmtp.OK);

        Delivery delivery = send("ana@example.com", 3);

        assertThat(delivery).isEqualTo(new Delivery.Delivered(2));
        assertThat(attempts)
                .extracting(a -> a.status(), a -> a.responseCode())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Status.RETRYING, OptionalInt.of(451)),
                        org.assertj.core.groups.Tuple.tuple(Status.DELIVERED, OptionalInt.of(250)));
        assertThat(server.accepted())
                .singleElement()
                .satisfies(message ->
                        assertThat(message).contains("Message-ID: <evt-9.").contains("X-Flows-Event-Id: evt-9"));
    }

    @Test
    void shouldGiveUpAfterEveryAttemptWasDeferred() throws Exception {
        server = ScriptedSmtp.replying(n -> "452 4.2.2 mailbox full", n -> ScriptedSmtp.OK);

        Delivery delivery = send("ana@example.com", 3);

        assertThat(delivery).isInstanceOfSatisfying(Delivery.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(3);
            assertThat(gaveUp.reason())
                    .contains("'452 4.2.2 mailbox full' after 3 attempts")
                    .contains("4xx");
        });
        assertThat(server.connections()).isEqualTo(3);
        assertThat(sleeper.waits()).hasSize(2);
    }

    private Delivery send(String to, int attempts) throws InterruptedException {
        return connector
                .sink("orders", Emails.spec(Emails.plain(server.port()), attempts), Emails.TEXT)
                .deliver(Emails.order("evt-9", to, "Order A-21"));
    }
}
