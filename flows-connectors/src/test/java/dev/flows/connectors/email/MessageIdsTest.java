package dev.flows.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.event.Event;
import org.junit.jupiter.api.Test;

/** Message-IDs are stable per event and destination, and the event id header cannot break a header. */
class MessageIdsTest {

    private static final Event EVENT = Event.of("evt-1", "/shop", "shop.order.placed", null);

    @Test
    void shouldGiveTheSameIdToTheSameEventAndDestination() {
        assertThat(MessageIds.of("order-mails", EVENT, "shop@example.com"))
                .isEqualTo(MessageIds.of("order-mails", EVENT, "shop@example.com"))
                .matches("<evt-1\\.[0-9a-f]{16}@example\\.com>");
    }

    @Test
    void shouldGiveDifferentIdsToOtherDestinationsAndSources() {
        String id = MessageIds.of("order-mails", EVENT, "shop@example.com");

        assertThat(MessageIds.of("boss-mails", EVENT, "shop@example.com")).isNotEqualTo(id);
        assertThat(MessageIds.of("order-mails", Event.of("evt-1", "/other", "t", null), "shop@example.com"))
                .isNotEqualTo(id);
    }

    @Test
    void shouldHashAnIdThatIsNotPlainAndFallBackForAnOddDomain() {
        Event odd = Event.of("a b>@c", "/shop", "t", null);

        assertThat(MessageIds.of("m", odd, "shop@[127.0.0.1]")).matches("<[0-9a-f]{16}@flows\\.invalid>");
    }

    @Test
    void shouldPercentEncodeWhatIsNotPrintableAsciiInTheEventIdHeader() {
        assertThat(MessageIds.eventIdHeader("evt-1")).isEqualTo("evt-1");
        assertThat(MessageIds.eventIdHeader("a\r\nBcc: x%ü")).isEqualTo("a%0D%0ABcc:%20x%25%C3%BC");
    }
}
