package dev.flows.testkit;

import static dev.flows.testkit.FlowTestDriverTest.event;
import static dev.flows.testkit.FlowTestDriverTest.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A flow's emails are rendered and recorded by the driver, never sent. */
class EmailRecordingTest {

    @Test
    void shouldRecordTheRenderedEmailOfEachEvent() {
        try (FlowTestDriver driver = FlowTestDriver.forFile(Flows.file("order-mails.yaml"))) {
            driver.pipe(
                    event("o-1", "shop.order.placed", "u1", s(0), Map.of("order", "A-17", "email", "ana@example.com")));
            driver.pipe(event("o-2", "shop.order.cancelled", "u1", s(1), Map.of("order", "A-17")));

            assertThat(driver.emails()).singleElement().satisfies(sent -> {
                assertThat(sent.destination()).isEqualTo("order-mails");
                assertThat(sent.event().id()).isEqualTo("o-1");
                assertThat(sent.message().to()).containsExactly("ana@example.com");
                assertThat(sent.message().subject()).isEqualTo("Order A-17 confirmed");
                assertThat(sent.message().text()).contains("Hello there, order A-17 is on its way.");
            });
        }
    }
}
