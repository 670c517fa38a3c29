package dev.flows.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.DeliveryAttempt;
import dev.flows.api.sink.DeliveryAttempt.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Event data that would write headers is refused: nothing reaches the server, and nothing is retried. */
@Timeout(30)
class HeaderInjectionTest {

    private final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final EmailConnector connector =
            EmailConnector.builder().deliveryLog(attempts::add).sleeper(sleeper).build();
    private GreenMail mail;

    @BeforeEach
    void start() throws Exception {
        mail = Mailer.smtp(Mailer.freePort());
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Order\r\nBcc: everyone@example.com", "Order\nBcc: x@example.com", "Order\u0000x"})
    void shouldRefuseASubjectWithALineBreakOrNul(String subject) throws Exception {
        Delivery delivery = send("ana@example.com", subject);

        assertThat(delivery).isInstanceOfSatisfying(Delivery.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(1);
            assertThat(gaveUp.reason())
                    .contains("not sent: subject rendered 'Order\\")
                    .contains("refused as header injection, nothing was sent")
                    .doesNotContain("\r")
                    .doesNotContain("\n");
        });
        assertNothingSent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.com\r\nBcc: everyone@example.com", "ana@example.com\nx", "ana@example.com\r"})
    void shouldRefuseARecipientWithALineBreak(String to) throws Exception {
        Delivery delivery = send(to, "Order A-22");

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.reason())
                                .contains("not sent: to rendered 'ana@example.com\\")
                                .contains("header injection"));
        assertNothingSent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an address", "ana@", "<ana@example.com", "ana@example.com>", "a b@example.com"})
    void shouldRefuseARecipientThatDoesNotParseStrictly(String to) throws Exception {
        Delivery delivery = send(to, "Order A-23");

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.reason())
                                .contains("not sent: to rendered '" + to + "', which is not an email address"));
        assertNothingSent();
    }

    @Test
    void shouldRefuseAMailWhoseRecipientRenderedEmpty() throws Exception {
        Delivery delivery = send("  ", "Order A-24");

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.reason())
                                .contains("no recipient: every to, cc and bcc template rendered empty"));
        assertNothingSent();
    }

    private void assertNothingSent() {
        assertThat(mail.getReceivedMessages()).isEmpty();
        assertThat(sleeper.waits()).isEmpty();
        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.status()).isEqualTo(Status.GAVE_UP);
            assertThat(attempt.responseCode()).isEmpty();
        });
    }

    private Delivery send(String to, String subject) throws InterruptedException {
        return connector
                .sink("orders", Emails.spec(Emails.plain(mail.getSmtp().getPort()), 5), Emails.TEXT)
                .deliver(Emails.order("evt-10", to, subject));
    }
}
