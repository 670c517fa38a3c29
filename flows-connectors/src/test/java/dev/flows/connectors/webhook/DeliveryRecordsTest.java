package dev.flows.connectors.webhook;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.sink.DeliveryAttempt;
import dev.flows.api.sink.DeliveryAttempt.Status;
import dev.flows.connectors.webhook.Receiver.Answer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every attempt is recorded: retrying, then delivered or gave up, with the code, error and destination name. */
@Timeout(10)
class DeliveryRecordsTest {

    private static final Event EVENT = Event.of("evt-1", "/shop", "shop.order.placed", "A-17");

    private final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
    private final WebhookConnector connector = WebhookConnector.builder()
            .sleeper(new RecordingSleeper())
            .deliveryLog(attempts::add)
            .build();
    private Receiver receiver;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
        connector.close();
    }

    @Test
    void shouldRecordRetriesThenDelivery() throws Exception {
        receiver = Receiver.answering(Answer.of(503).withBody("busy"), Answer.of(204));

        sink(receiver.url() + "?token=s3cret", 3).deliver(EVENT);

        assertThat(attempts).hasSize(2);
        DeliveryAttempt first = attempts.getFirst();
        assertThat(first.flow()).isEqualTo("big-orders");
        assertThat(first.destination()).isEqualTo("webhook:" + receiver.url());
        assertThat(first.eventId()).isEqualTo("evt-1");
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.status()).isEqualTo(Status.RETRYING);
        assertThat(first.responseCode()).isEqualTo(OptionalInt.of(503));
        assertThat(first.error())
                .hasValueSatisfying(error -> assertThat(error)
                        .startsWith(
                                "POST " + receiver.url() + "?… answered 503 Service Unavailable after 1 attempt: busy;")
                        .doesNotContain("s3cret"));
        DeliveryAttempt second = attempts.getLast();
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.status()).isEqualTo(Status.DELIVERED);
        assertThat(second.responseCode()).isEqualTo(OptionalInt.of(204));
        assertThat(second.error()).isEmpty();
        assertThat(second.duration()).isPositive();
    }

    @Test
    void shouldRecordGiveUpWithoutResponseCodeWhenNothingAnswers() throws Exception {
        Destination.ToWebhook spec = new Destination.ToWebhook(
                        "http://127.0.0.1:9/hook",
                        Map.of(),
                        new RetryPolicy(1, ofMillis(10), ofSeconds(1)),
                        "dead",
                        SourceLocation.JAVA)
                .withName("slack-big-orders");

        connector.sink("big-orders", spec, WebhookBody.of(new TinyJsonFormat())).deliver(EVENT);

        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.destination()).isEqualTo("slack-big-orders");
            assertThat(attempt.status()).isEqualTo(Status.GAVE_UP);
            assertThat(attempt.responseCode()).isEmpty();
            assertThat(attempt.error())
                    .hasValueSatisfying(error -> assertThat(error).contains("refused to connect"));
        });
    }

    @Test
    void shouldSendTemplatedBodyWithItsContentType() throws Exception {
        receiver = Receiver.answering(Answer.of(200));
        WebhookBody body =
                WebhookBody.of("text/plain", event -> ("order " + event.data()).getBytes(StandardCharsets.UTF_8));
        Destination.ToWebhook spec = new Destination.ToWebhook(
                        receiver.url(), Map.of(), RetryPolicy.DEFAULT, "dead", SourceLocation.JAVA)
                .withAllowPrivate(true);

        connector.sink("f", spec, body).deliver(EVENT);

        assertThat(receiver.requests()).singleElement().satisfies(request -> {
            assertThat(request.body()).isEqualTo("order A-17");
            assertThat(request.header("Content-Type")).startsWith("text/plain");
        });
        assertThat(Optional.of(attempts.getFirst().status())).contains(Status.DELIVERED);
    }

    private WebhookSink sink(String url, int attemptsAtMost) {
        Destination.ToWebhook spec = new Destination.ToWebhook(
                        url,
                        Map.of(),
                        new RetryPolicy(attemptsAtMost, ofMillis(10), ofSeconds(1)),
                        "dead",
                        SourceLocation.JAVA)
                .withAllowPrivate(true);
        return connector.sink("big-orders", spec, WebhookBody.of(new TinyJsonFormat()));
    }
}
