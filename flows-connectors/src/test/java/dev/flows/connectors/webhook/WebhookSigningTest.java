package dev.flows.connectors.webhook;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.Secret;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.sink.Delivery;
import dev.flows.connectors.webhook.Receiver.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Standard Webhooks signing: the spec's test vector, and a real receiver verifying every attempt. */
@Timeout(10)
class WebhookSigningTest {

    /** The test vector of the Standard Webhooks reference libraries. */
    private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static final Event EVENT = Event.of("evt.17", "/shop", "shop.order.placed", "A-17");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    private final WebhookConnector connector = WebhookConnector.builder()
            .sleeper(duration -> now.updateAndGet(t -> t.plus(Duration.ofSeconds(7))))
            .clock(new SteppingClock(now))
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
    void shouldSignTheSpecsTestVector() {
        Signer signer = Signer.of(new Secret(VECTOR_SECRET), SourceLocation.JAVA);

        String signature = signer.sign(
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldSendSignatureTheReceiverVerifiesOnEveryAttemptWithStableIdAndFreshTimestamp() throws Exception {
        receiver = Receiver.answering(Answer.of(503), Answer.of(200));
        Destination.ToWebhook spec = spec().withSecret(new Secret(VECTOR_SECRET));

        Delivery delivery =
                connector.sink("f", spec, WebhookBody.of(new TinyJsonFormat())).deliver(EVENT);

        assertThat(delivery).isEqualTo(new Delivery.Delivered(2));
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(VECTOR_SECRET);
        assertThat(receiver.requests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.header("webhook-id")).isEqualTo("evt%2E17");
            assertThat(verifier.verify(
                            request.header("webhook-id"),
                            request.header("webhook-timestamp"),
                            request.header("webhook-signature"),
                            request.body(),
                            Instant.ofEpochSecond(Long.parseLong(request.header("webhook-timestamp"))),
                            Duration.ofMinutes(5)))
                    .isTrue();
        });
        assertThat(receiver.requests())
                .extracting(request -> request.header("webhook-timestamp"))
                .containsExactly("1772359200", "1772359207");
    }

    @Test
    void shouldFailVerificationOfTamperedBodyAndOfReplayAfterTolerance() throws Exception {
        receiver = Receiver.answering(Answer.of(200));
        connector
                .sink("f", spec().withSecret(new Secret(VECTOR_SECRET)), WebhookBody.of(new TinyJsonFormat()))
                .deliver(EVENT);
        Receiver.Request request = receiver.requests().getFirst();
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(VECTOR_SECRET);
        Instant sent = Instant.ofEpochSecond(Long.parseLong(request.header("webhook-timestamp")));

        assertThat(verifier.verify(
                        request.header("webhook-id"),
                        request.header("webhook-timestamp"),
                        request.header("webhook-signature"),
                        request.body() + " ",
                        sent,
                        Duration.ofMinutes(5)))
                .isFalse();
        assertThat(verifier.verify(
                        request.header("webhook-id"),
                        request.header("webhook-timestamp"),
                        request.header("webhook-signature"),
                        request.body(),
                        sent.plus(Duration.ofMinutes(6)),
                        Duration.ofMinutes(5)))
                .isFalse();
    }

    @Test
    void shouldSendIdAndTimestampButNoSignatureWithoutSecret() throws Exception {
        receiver = Receiver.answering(Answer.of(200));

        connector.sink("f", spec(), WebhookBody.of(new TinyJsonFormat())).deliver(EVENT);

        assertThat(receiver.requests()).singleElement().satisfies(request -> {
            assertThat(request.header("webhook-id")).isEqualTo("evt%2E17");
            assertThat(request.header("webhook-timestamp")).isEqualTo("1772359200");
            assertThat(request.header("webhook-signature")).isNull();
        });
    }

    @Test
    void shouldRefuseSecretThatIsNotStandardWithoutShowingIt() {
        Destination.ToWebhook spec = spec().withSecret(new Secret("hunter2"));

        assertThatThrownBy(() -> connector.sink("f", spec, WebhookBody.of(new TinyJsonFormat())))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessageContaining("webhook secret is not a Standard Webhooks secret")
                .hasMessageNotContaining("hunter2");
    }

    private Destination.ToWebhook spec() {
        String url = receiver == null ? "http://127.0.0.1:9/hook" : receiver.url();
        return new Destination.ToWebhook(
                        url, Map.of(), new RetryPolicy(3, ofMillis(10), ofSeconds(1)), "dead", SourceLocation.JAVA)
                .withAllowPrivate(true);
    }

    /** A clock that reads a shared instant, which the test's sleeper moves on. */
    private static final class SteppingClock extends Clock {
        private final AtomicReference<Instant> now;

        SteppingClock(AtomicReference<Instant> now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
