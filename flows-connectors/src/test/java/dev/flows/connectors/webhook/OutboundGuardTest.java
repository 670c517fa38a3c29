package dev.flows.connectors.webhook;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.sink.Delivery;
import dev.flows.connectors.webhook.Receiver.Answer;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SSRF guard at work: the address connected to is checked, refusals open no socket and say how to allow,
 * allow-listed loopback works, redirects are not followed. Refused targets are never contacted, so these tests
 * send nothing off loopback.
 */
@Timeout(10)
class OutboundGuardTest {

    private static final RetryPolicy THREE = new RetryPolicy(3, ofMillis(10), ofSeconds(1));
    private static final Event EVENT = Event.of("evt-1", "/shop", "shop.order.placed", "A-17");

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private WebhookConnector connector =
            WebhookConnector.builder().sleeper(sleeper).build();
    private Receiver receiver;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
        connector.close();
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:9/hook, 127.0.0.1, 127.0.0.1 (a loopback address)",
        "http://10.1.2.3:9/hook, 10.1.2.3, 10.1.2.3 (a private address)",
        "http://169.254.169.254/latest/meta-data, 169.254.169.254, 169.254.169.254 (a cloud metadata address)",
        "'http://[::1]:9/hook', ::1, 0:0:0:0:0:0:0:1 (a loopback address)"
    })
    void shouldRefusePrivateTargetsAtOnceSayingHowToAllow(String url, String host, String resolved) throws Exception {
        Delivery delivery = sink(url, false).deliver(EVENT);

        assertThat(delivery).isInstanceOfSatisfying(Delivery.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(1);
            assertThat(gaveUp.reason())
                    .contains("failed 1 time: refused to connect: host '" + host + "' resolves to " + resolved
                            + ", which webhooks may not reach by default; ")
                    .contains(host.equals("169.254.169.254") ? "--allow-outbound" : "allow-private: true");
        });
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void shouldRefuseHostNameThatResolvesToLoopback() throws Exception {
        receiver = Receiver.answering(Answer.of(200));
        String url = receiver.url().replace("127.0.0.1", "localhost");

        Delivery delivery = sink(url, false).deliver(EVENT);

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.reason())
                                .contains("refused to connect: host 'localhost' resolves to ")
                                .contains("(a loopback address)"));
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void shouldDeliverToLoopbackThatTheDestinationAllows() throws Exception {
        receiver = Receiver.answering(Answer.of(200));

        assertThat(sink(receiver.url(), true).deliver(EVENT)).isEqualTo(new Delivery.Delivered(1));
        assertThat(sink(receiver.url().replace("127.0.0.1", "localhost"), true).deliver(EVENT))
                .isEqualTo(new Delivery.Delivered(1));
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void shouldDeliverToLoopbackThatTheServerAllowList() throws Exception {
        receiver = Receiver.answering(Answer.of(200));
        connector.close();
        connector = WebhookConnector.builder()
                .sleeper(sleeper)
                .outbound(new OutboundPolicy(List.of(Cidr.parse("127.0.0.0/8"))))
                .build();

        assertThat(sink(receiver.url(), false).deliver(EVENT)).isEqualTo(new Delivery.Delivered(1));
    }

    @Test
    void shouldConnectOnlyToTheAllowedAddressesOfAMixedDnsAnswer() throws Exception {
        receiver = Receiver.answering(Answer.of(200));
        connector.close();
        // A lying DNS answer: a private address first, then loopback; only loopback is allow-listed, so the
        // connection must go there and never to 10.9.9.9.
        connector = WebhookConnector.builder()
                .sleeper(sleeper)
                .outbound(new OutboundPolicy(List.of(Cidr.parse("127.0.0.1"))))
                .hostLookup(host -> host.equals("rebind.test")
                        ? new InetAddress[] {InetAddress.getByName("10.9.9.9"), InetAddress.getByName("127.0.0.1")}
                        : InetAddress.getAllByName(host))
                .build();
        String url = receiver.url().replace("127.0.0.1", "rebind.test");

        assertThat(sink(url, false).deliver(EVENT)).isEqualTo(new Delivery.Delivered(1));
        assertThat(receiver.requests())
                .singleElement()
                .satisfies(request -> assertThat(request.header("Host")).startsWith("rebind.test"));
    }

    @Test
    void shouldRefuseRedirectToInternalAddressWithoutFollowingIt() throws Exception {
        receiver = Receiver.answering(Answer.of(307).withHeader("Location", "http://169.254.169.254/latest/meta-data"));

        Delivery delivery = sink(receiver.url(), true).deliver(EVENT);

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.reason())
                                .contains("answered 307 Temporary Redirect after 1 attempt")
                                .contains("redirects are not followed"));
        assertThat(receiver.requests()).hasSize(1);
    }

    private WebhookSink sink(String url, boolean allowPrivate) {
        Destination.ToWebhook spec = new Destination.ToWebhook(url, Map.of(), THREE, "dead", SourceLocation.JAVA)
                .withAllowPrivate(allowPrivate);
        return connector.sink("f", spec, WebhookBody.of(new TinyJsonFormat()));
    }
}
