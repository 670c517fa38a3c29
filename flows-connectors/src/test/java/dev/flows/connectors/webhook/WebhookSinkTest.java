package dev.flows.connectors.webhook;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.sink.Delivery;
import dev.flows.connectors.retry.Sleeper;
import dev.flows.connectors.webhook.Receiver.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class WebhookSinkTest {

    /** Waits 100 ms, 200 ms, 400 ms; any one wait at most 5 s. */
    private static final RetryPolicy POLICY = new RetryPolicy(4, ofMillis(100), ofSeconds(5));

    private static final long SEED = 17;
    private static final Event EVENT = Event.of("evt-1", "/shop", "shop.order.placed", "A-17");
    private static final String EVENT_JSON = "{\"id\":\"evt-1\",\"type\":\"shop.order.placed\",\"data\":\"A-17\"}";

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final WebhookConnector connector = connector(WebhookSettings.DEFAULTS, sleeper);
    private final List<WebhookConnector> others = new ArrayList<>();
    private Receiver receiver;

    @AfterEach
    void closeReceiverAndConnectors() {
        if (receiver != null) {
            receiver.close();
        }
        connector.close();
        others.forEach(WebhookConnector::close);
    }

    @Test
    void shouldDeliverFirstTimeWithBodyContentTypeIdempotencyKeyAndHeaders() throws Exception {
        receiver = Receiver.answering(Answer.of(204));
        WebhookSink sink = sink(receiver.url(), Map.of("Authorization", "Bearer s3cret", "X-Tenant", "acme"));

        assertThat(sink.deliver(EVENT)).isEqualTo(new Delivery.Delivered(1));

        assertThat(receiver.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo(Receiver.PATH);
            assertThat(request.body()).isEqualTo(EVENT_JSON);
            assertThat(request.header("Content-Type")).isEqualTo(TinyJsonFormat.MEDIA_TYPE);
            assertThat(request.header("Idempotency-Key")).isEqualTo("evt-1");
            assertThat(request.header("User-Agent")).isEqualTo("flows-webhook/1");
            assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret");
            assertThat(request.header("X-Tenant")).isEqualTo("acme");
        });
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void shouldRetryServerErrorsThenDeliver() throws Exception {
        receiver = Receiver.answering(Answer.of(503), Answer.of(503), Answer.of(200));

        assertThat(sink(receiver.url()).deliver(EVENT)).isEqualTo(new Delivery.Delivered(3));

        assertJitteredWaits(ofMillis(100), ofMillis(200));
        assertThat(receiver.requests()).hasSize(3).allSatisfy(request -> {
            assertThat(request.body()).isEqualTo(EVENT_JSON);
            assertThat(request.header("Idempotency-Key")).isEqualTo("evt-1");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 504})
    void shouldRetryStatusesThatMayPass(int status) throws Exception {
        receiver = Receiver.answering(Answer.of(status), Answer.of(200));

        assertThat(sink(receiver.url()).deliver(EVENT)).isEqualTo(new Delivery.Delivered(2));

        assertJitteredWaits(ofMillis(100));
    }

    @Test
    void shouldGiveUpAtOnceWhenReceiverRefusesEvent() throws Exception {
        receiver = Receiver.answering(Answer.of(400).withBody("{\"error\":\"bad\"}"));

        Delivery delivery = sink(receiver.url()).deliver(EVENT);

        assertThat(delivery)
                .isEqualTo(new Delivery.GaveUp(
                        1,
                        "POST " + receiver.url() + " answered 400 Bad Request after 1 attempt: {\"error\":\"bad\"};"
                                + " the receiver refused the event, fix the receiver or the flow"));
        assertThat(receiver.requests()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 409, 410, 413, 415, 422})
    void shouldNotRetryOtherClientErrors(int status) throws Exception {
        receiver = Receiver.answering(Answer.of(status));

        Delivery delivery = sink(receiver.url()).deliver(EVENT);

        assertThat(delivery).isInstanceOfSatisfying(Delivery.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(1);
            assertThat(gaveUp.reason()).startsWith("POST " + receiver.url() + " answered " + status + " ");
        });
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void shouldGiveUpAfterMaxAttemptsWhenReceiverKeepsFailing() throws Exception {
        receiver = Receiver.answering(Answer.of(500).withBody("database down"));

        Delivery delivery = sink(receiver.url()).deliver(EVENT);

        assertThat(delivery)
                .isEqualTo(new Delivery.GaveUp(
                        4,
                        "POST " + receiver.url() + " answered 500 Internal Server Error after 4 attempts: database"
                                + " down; the receiver kept failing; check its health and logs"));
        assertJitteredWaits(ofMillis(100), ofMillis(200), ofMillis(400));
        assertThat(receiver.requests()).hasSize(4);
    }

    @Test
    void shouldGiveUpWhenConnectionIsRefused() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/hook";

        Delivery delivery = sink(url).deliver(EVENT);

        assertThat(delivery)
                .isEqualTo(new Delivery.GaveUp(
                        4,
                        "POST " + url + " failed 4 times: connection refused; is the receiver running and reachable at"
                                + " that address?"));
        assertJitteredWaits(ofMillis(100), ofMillis(200), ofMillis(400));
    }

    @Test
    void shouldGiveUpWhenHostNameDoesNotResolve() throws Exception {
        RetryPolicy once = new RetryPolicy(1, ofMillis(100), ofSeconds(5));
        WebhookSink sink = sink(connector, spec("http://no-such-host.invalid/hook", Map.of(), once));

        assertThat(sink.deliver(EVENT))
                .isEqualTo(new Delivery.GaveUp(
                        1,
                        "POST http://no-such-host.invalid/hook failed 1 time: could not resolve the host name;"
                                + " check the flow's webhook url and the DNS"));
    }

    @Test
    void shouldRetryWhenReceiverDoesNotAnswerInTime() throws Exception {
        receiver = Receiver.answering(Answer.silence());
        RetryPolicy twice = new RetryPolicy(2, ofMillis(100), ofSeconds(5));
        WebhookSettings impatient = new WebhookSettings(ofSeconds(5), ofMillis(200));
        WebhookSink sink = sink(connector(impatient, sleeper), spec(receiver.url(), Map.of(), twice));

        Delivery delivery = sink.deliver(EVENT);

        assertThat(delivery).isInstanceOfSatisfying(Delivery.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(2);
            assertThat(gaveUp.reason())
                    .startsWith("POST " + receiver.url() + " failed 2 times: no answer within 200 ms;");
        });
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void shouldBoundAttemptWhenBodyStallsAfterHeaders() throws Exception {
        receiver =
                Receiver.answering(Answer.of(200).withBody("accepted, mostly").hangingDuringBody());
        RetryPolicy once = new RetryPolicy(1, ofMillis(100), ofSeconds(5));
        WebhookSettings impatient = new WebhookSettings(ofSeconds(5), ofMillis(200));
        WebhookSink sink = sink(connector(impatient, sleeper), spec(receiver.url(), Map.of(), once));

        Delivery delivery = sink.deliver(EVENT);

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.reason())
                                .startsWith("POST " + receiver.url() + " failed 1 time: no answer within 200 ms;"));
    }

    @Test
    void shouldDeliverFromSeveralThreadsAtOnce() throws Exception {
        receiver = Receiver.answering(Answer.of(200));
        WebhookSink sink = sink(receiver.url());
        List<Callable<Delivery>> deliveries = IntStream.range(0, 8)
                .mapToObj(i -> (Callable<Delivery>) () -> sink.deliver(Event.of("evt-" + i, "/shop", "t", i)))
                .toList();

        List<Future<Delivery>> outcomes;
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            outcomes = threads.invokeAll(deliveries);
        }

        for (Future<Delivery> outcome : outcomes) {
            assertThat(outcome.get()).isEqualTo(new Delivery.Delivered(1));
        }
        assertThat(receiver.requests())
                .extracting(request -> request.header("Idempotency-Key"))
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 8).mapToObj(i -> "evt-" + i).toList());
    }

    @Test
    void shouldWaitWhatRetryAfterAsksInsteadOfBackoff() throws Exception {
        receiver = Receiver.answering(Answer.of(503).withHeader("Retry-After", "2"), Answer.of(200));

        assertThat(sink(receiver.url()).deliver(EVENT)).isEqualTo(new Delivery.Delivered(2));

        assertThat(sleeper.waits()).containsExactly(ofSeconds(2));
    }

    @Test
    void shouldCapRetryAfterAtMaxBackoff() throws Exception {
        receiver = Receiver.answering(Answer.of(429).withHeader("Retry-After", "3600"), Answer.of(200));

        assertThat(sink(receiver.url()).deliver(EVENT)).isEqualTo(new Delivery.Delivered(2));

        assertThat(sleeper.waits()).containsExactly(ofSeconds(5));
    }

    @Test
    void shouldUseBackoffWhenRetryAfterIsADateOrOnAnotherStatus() throws Exception {
        receiver = Receiver.answering(
                Answer.of(503).withHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
                Answer.of(500).withHeader("Retry-After", "2"),
                Answer.of(200));

        assertThat(sink(receiver.url()).deliver(EVENT)).isEqualTo(new Delivery.Delivered(3));

        assertJitteredWaits(ofMillis(100), ofMillis(200));
    }

    @Test
    void shouldPropagateInterruptDuringBackoff() throws Exception {
        receiver = Receiver.answering(Answer.of(503));
        CountDownLatch sleeping = new CountDownLatch(1);
        Sleeper realSleeper = duration -> {
            sleeping.countDown();
            Sleeper.threadSleep().sleep(duration);
        };
        RetryPolicy patient = new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(1));
        WebhookSink sink =
                sink(connector(WebhookSettings.DEFAULTS, realSleeper), spec(receiver.url(), Map.of(), patient));
        CompletableFuture<Delivery> outcome = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                outcome.complete(sink.deliver(EVENT));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });

        assertThat(sleeping.await(5, TimeUnit.SECONDS)).isTrue();
        worker.interrupt();

        assertThatThrownBy(() -> outcome.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        await().atMost(ofSeconds(5)).until(() -> !worker.isAlive());
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void shouldReportRedirectWithoutFollowingIt() throws Exception {
        receiver = Receiver.answering(Answer.of(302).withHeader("Location", "http://127.0.0.1:9/elsewhere"));

        Delivery delivery = sink(receiver.url()).deliver(EVENT);

        assertThat(delivery)
                .isEqualTo(new Delivery.GaveUp(
                        1,
                        "POST " + receiver.url() + " answered 302 Found after 1 attempt; the receiver redirects to"
                                + " http://127.0.0.1:9/elsewhere and redirects are not followed; point the flow's"
                                + " webhook url at the final address"));
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void shouldCutLongBodyToExcerpt() throws Exception {
        receiver = Receiver.answering(Answer.of(400).withBody("x".repeat(5000)));

        Delivery delivery = sink(receiver.url()).deliver(EVENT);

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.reason())
                                .contains(": " + "x".repeat(BodyExcerpt.MAX_CHARS) + "…; ")
                                .doesNotContain("x".repeat(BodyExcerpt.MAX_CHARS + 1)));
    }

    @Test
    void shouldPutMultiLineBodyOnOneLine() throws Exception {
        receiver = Receiver.answering(Answer.of(422).withBody("<html>\n  <h1>Invalid</h1>\r\n\t</html>\n"));

        Delivery delivery = sink(receiver.url()).deliver(EVENT);

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.reason())
                                .contains(
                                        "answered 422 Unprocessable Content after 1 attempt: <html> <h1>Invalid</h1> </html>;"));
    }

    @Test
    void shouldKeepSecretsOfUrlQueryOutOfReason() throws Exception {
        receiver = Receiver.answering(Answer.of(404));

        Delivery delivery = sink(receiver.url() + "?token=s3cret").deliver(EVENT);

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.reason())
                                .startsWith("POST " + receiver.url() + "?… answered 404 Not Found")
                                .doesNotContain("s3cret"));
    }

    @Test
    void shouldTurnAnyEventIdIntoValidIdempotencyKey() throws Exception {
        receiver = Receiver.answering(Answer.of(200));

        sink(receiver.url()).deliver(Event.of("order 17/é%", "/shop", "shop.order.placed", "A-17"));

        assertThat(receiver.requests().getFirst().header("Idempotency-Key")).isEqualTo("order%2017/%C3%A9%25");
    }

    @Test
    void shouldRefuseEveryUrlAndHeaderProblemAtOnce() {
        SourceLocation where = new SourceLocation("orders.yaml", 12, 9);
        Destination.ToWebhook spec =
                new Destination.ToWebhook("ftp://example.com/hook", Map.of("Host", "evil"), POLICY, "dead", where);

        assertThatThrownBy(() -> sink(connector, spec))
                .isInstanceOfSatisfying(
                        FlowDefinitionException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::toString)
                                .containsExactly(
                                        "orders.yaml:12:9: webhook url 'ftp://example.com/hook' is not an absolute http or"
                                                + " https URL; write it like https://example.com/hook",
                                        "orders.yaml:12:9: webhook header 'Host' cannot be sent (restricted header name:"
                                                + " \"Host\"); remove it or fix its name and value"));
    }

    private WebhookSink sink(String url) {
        return sink(url, Map.of());
    }

    private WebhookSink sink(String url, Map<String, String> headers) {
        return sink(connector, spec(url, headers, POLICY));
    }

    private static WebhookSink sink(WebhookConnector on, Destination.ToWebhook spec) {
        return on.sink("orders-flow", spec, WebhookBody.of(new TinyJsonFormat()));
    }

    /** A connector whose waits are jittered by a seeded random, so a failure repeats. */
    private WebhookConnector connector(WebhookSettings settings, Sleeper sleeps) {
        WebhookConnector made = WebhookConnector.builder()
                .settings(settings)
                .sleeper(sleeps)
                .random(new Random(SEED))
                .build();
        if (connector != null) {
            others.add(made);
        }
        return made;
    }

    /** The receivers of these tests listen on loopback, which a webhook must allow explicitly. */
    private static Destination.ToWebhook spec(String url, Map<String, String> headers, RetryPolicy retry) {
        return new Destination.ToWebhook(url, headers, retry, "orders.dead", SourceLocation.JAVA)
                .withAllowPrivate(true);
    }

    /** Each wait is full jitter: between zero and the policy's backoff for its attempt. */
    private void assertJitteredWaits(Duration... caps) {
        assertThat(sleeper.waits()).hasSize(caps.length);
        for (int i = 0; i < caps.length; i++) {
            assertThat(sleeper.waits().get(i)).isBetween(Duration.ZERO, caps[i]);
        }
    }

    /** A port that nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
