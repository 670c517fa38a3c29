package dev.flows.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Flow;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A flow's push destination, tested as users test theirs: its notifications are an output with their audience. */
class PushOutputTest {

    @Test
    void shouldShowWhatAFlowPushesAndToWhom() {
        Flow flow = Flow.named("notify")
                .from("orders")
                .set("data.text", "'Order ' + data.order + ' received'")
                .toPush("notifications", "data.user")
                .build();
        try (FlowTestDriver driver = FlowTestDriver.forFlow(flow)) {
            driver.pipe(TestEvent.of("o1", "shop.order.placed")
                    .data(Map.of("order", "1001", "user", "ada"))
                    .build());

            assertThat(driver.output("notifications")).singleElement().satisfies(notification -> {
                assertThat(notification.extensions()).containsEntry(Destination.ToPush.USER_EXTENSION, "ada");
                assertThat(((Map<?, ?>) notification.data()).get("text")).isEqualTo("Order 1001 received");
            });
            assertThat(driver.deadLetters()).isEmpty();
        }
    }
}
