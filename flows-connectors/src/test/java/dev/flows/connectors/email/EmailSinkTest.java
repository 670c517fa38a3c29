package dev.flows.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.flows.api.event.Event;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.DeliveryAttempt;
import dev.flows.api.sink.DeliveryAttempt.Status;
import dev.flows.api.sink.EmailMessage;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One mail per event on a real SMTP server (GreenMail): headers, parts, recipients, and what is recorded. */
@Timeout(30)
class EmailSinkTest {

    private final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final EmailConnector connector =
            EmailConnector.builder().deliveryLog(attempts::add).sleeper(sleeper).build();
    private GreenMail mail;

    @AfterEach
    void stop() {
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void shouldSendTextAndHtmlAsAlternativesWithUtf8SubjectAndEveryRecipient() throws Exception {
        mail = Mailer.smtp(Mailer.freePort());
        Event event = Event.of("evt-1", "/shop", "shop.order.placed", Map.of("order", "A-17"));
        EmailMessage rendered = new EmailMessage(
                List.of("Jörg Müller <joerg@example.com>", "ana@example.com, bo@example.com"),
                List.of("boss@example.com"),
                List.of("audit@example.com"),
                "Bestellung A-17 bestätigt ✓",
                Optional.of("Hallo Jörg, A-17 ist unterwegs."),
                Optional.of("<p>Hallo J&ouml;rg, <b>A-17</b></p>"));
        EmailSink sink = connector.sink("orders", Emails.spec(Emails.plain(port()), 3), e -> rendered);

        Delivery delivery = sink.deliver(event);

        assertThat(delivery).isEqualTo(new Delivery.Delivered(1));
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(5); // one copy per recipient: 3 to, 1 cc, 1 bcc
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("Bestellung A-17 bestätigt ✓");
        assertThat(message.getFrom()[0].toString()).isEqualTo("Shop <shop@example.com>");
        assertThat(message.getRecipients(Message.RecipientType.TO)).hasSize(3);
        assertThat(message.getRecipients(Message.RecipientType.CC)).hasSize(1);
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("Message-ID"))
                .containsExactly(MessageIds.of("email:127.0.0.1:" + port(), event, "shop@example.com"));
        assertThat(message.getHeader("Message-ID")[0]).matches("<evt-1\\.[0-9a-f]{16}@example\\.com>");
        assertThat(message.getHeader("X-Flows-Event-Id")).containsExactly("evt-1");
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hallo Jörg, A-17 ist unterwegs.");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Hallo J&ouml;rg, <b>A-17</b></p>");
    }

    @Test
    void shouldRecordTheAttemptWithReplyCode250() throws Exception {
        mail = Mailer.smtp(Mailer.freePort());

        connector
                .sink("orders", Emails.spec(Emails.plain(port()), 3), Emails.TEXT)
                .deliver(Emails.order("evt-2", "ana@example.com", "Order A-18"));

        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.flow()).isEqualTo("orders");
            assertThat(attempt.destination()).isEqualTo("email:127.0.0.1:" + port());
            assertThat(attempt.eventId()).isEqualTo("evt-2");
            assertThat(attempt.status()).isEqualTo(Status.DELIVERED);
            assertThat(attempt.responseCode()).isEqualTo(OptionalInt.of(250));
            assertThat(attempt.error()).isEmpty();
        });
        assertThat(mail.getReceivedMessages()[0].getContent()).isEqualTo("Hi");
        assertThat(mail.getReceivedMessages()[0].getContentType()).startsWith("text/plain; charset=UTF-8");
    }

    @Test
    void shouldRetryWhileTheServerIsDownThenSendOnceWhenItStarts() throws Exception {
        int port = Mailer.freePort();
        sleeper.onSleep(waits -> {
            if (waits == 2) {
                mail = Mailer.smtp(port);
            }
        });

        Delivery delivery = connector
                .sink("orders", Emails.spec(Emails.plain(port), 5), Emails.TEXT)
                .deliver(Emails.order("evt-3", "ana@example.com", "Order A-19"));

        assertThat(delivery).isEqualTo(new Delivery.Delivered(3));
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(attempts)
                .extracting(DeliveryAttempt::status)
                .containsExactly(Status.RETRYING, Status.RETRYING, Status.DELIVERED);
        assertThat(attempts.getFirst().responseCode()).isEmpty();
        assertThat(attempts.getFirst().error())
                .hasValueSatisfying(error -> assertThat(error)
                        .startsWith("smtp://127.0.0.1:" + port + " failed 1 time: connection refused;"));
        assertThat(sleeper.waits())
                .hasSize(2)
                .allSatisfy(
                        wait -> assertThat(wait).isBetween(java.time.Duration.ZERO, java.time.Duration.ofMillis(200)));
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWhileTheServerStaysDown() throws Exception {
        int port = Mailer.freePort();

        Delivery delivery = connector
                .sink("orders", Emails.spec(Emails.plain(port), 3), Emails.TEXT)
                .deliver(Emails.order("evt-4", "ana@example.com", "Order A-20"));

        assertThat(delivery).isInstanceOfSatisfying(Delivery.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(3);
            assertThat(gaveUp.reason())
                    .isEqualTo("smtp://127.0.0.1:" + port + " failed 3 times: connection refused; is the SMTP"
                            + " server running and reachable at that address?");
        });
        assertThat(attempts)
                .extracting(DeliveryAttempt::status)
                .containsExactly(Status.RETRYING, Status.RETRYING, Status.GAVE_UP);
    }

    private int port() {
        return mail.getSmtp().getPort();
    }
}
