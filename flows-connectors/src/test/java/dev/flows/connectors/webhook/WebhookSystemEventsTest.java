package dev.flows.connectors.webhook;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.sink.Delivery;
import dev.flows.api.system.SystemEvent;
import dev.flows.connectors.webhook.Receiver.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The webhook sink reports its receiver down and up again: once per change, never per event. */
@Timeout(10)
class WebhookSystemEventsTest {

    private static final RetryPolicy TWO_ATTEMPTS = new RetryPolicy(2, ofMillis(10), ofSeconds(1));
    private static final Event EVENT = Event.of("evt-1", "/shop", "shop.order.placed", "A-17");

    private final List<SystemEvent> published = new CopyOnWriteArrayList<>();
    private final WebhookConnector connector = WebhookConnector.builder()
            .sleeper(new RecordingSleeper())
            .systemEvents(published::add)
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
    void shouldPublishDownOnceWhenTheReceiverKeepsFailingAndUpOnceWhenItAnswersAgain() throws Exception {
        receiver = Receiver.answering(Answer.of(503), Answer.of(503), Answer.of(500), Answer.of(502), Answer.of(200));
        WebhookSink sink = sink(receiver.url());

        assertThat(sink.deliver(EVENT)).isInstanceOf(Delivery.GaveUp.class);
        assertThat(sink.deliver(EVENT)).isInstanceOf(Delivery.GaveUp.class);
        assertThat(sink.deliver(EVENT)).isInstanceOf(Delivery.Delivered.class);
        assertThat(sink.deliver(EVENT)).isInstanceOf(Delivery.Delivered.class);

        assertThat(published)
                .extracting(SystemEvent::type)
                .containsExactly(SystemEvent.CONNECTOR_DOWN, SystemEvent.CONNECTOR_UP);
        assertThat(published.getFirst().data())
                .containsEntry("connector", "webhook")
                .containsEntry("target", receiver.url());
        assertThat((String) published.getFirst().data().get("error"))
                .isEqualTo("POST " + receiver.url() + " answered 503 Service Unavailable after 2 attempts;"
                        + " the receiver kept failing; check its health and logs");
        assertThat(published.getLast()).isEqualTo(SystemEvent.connectorUp("webhook", receiver.url()));
    }

    @Test
    void shouldPublishDownWithoutCredentialsOrQueryWhenTheConnectionIsRefused() throws Exception {
        int port = closedPort();

        sink("http://user:pw@127.0.0.1:" + port + "/hook?token=s3cret").deliver(EVENT);

        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(SystemEvent.CONNECTOR_DOWN);
            assertThat(event.data()).containsEntry("target", "http://127.0.0.1:" + port + "/hook");
            assertThat(event.toString()).doesNotContain("s3cret").doesNotContain("pw");
        });
    }

    @Test
    void shouldNotPublishWhenTheReceiverRefusesOneEvent() throws Exception {
        receiver = Receiver.answering(Answer.of(400));

        assertThat(sink(receiver.url()).deliver(EVENT)).isInstanceOf(Delivery.GaveUp.class);

        assertThat(published).isEmpty();
    }

    @Test
    void shouldNotPublishUpForAReceiverThatWasNeverDown() throws Exception {
        receiver = Receiver.answering(Answer.of(204));

        sink(receiver.url()).deliver(EVENT);

        assertThat(published).isEmpty();
    }

    private WebhookSink sink(String url) {
        Destination.ToWebhook spec = new Destination.ToWebhook(
                        url, Map.of(), TWO_ATTEMPTS, "orders.dead", SourceLocation.JAVA)
                .withAllowPrivate(true); // the receiver is on loopback
        return connector.sink("orders-flow", spec, WebhookBody.of(new TinyJsonFormat()));
    }

    /** A port that nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
