package dev.flows.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Flow;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushExplainTest {

    @Test
    void shouldSayWhichChannelAPushGoesToAndForWhom() {
        Flow flow = Flow.named("notify")
                .from("orders")
                .toPush("notifications", "data.user")
                .toPush("announcements", null)
                .build();

        String text = FlowExplainer.explain(flow, Map.of("orders", 1, ChannelDefinition.DEAD_LETTER, 1));

        assertThat(text.lines())
                .contains("  to       push notifications  user data.user")
                .anySatisfy(line -> assertThat(line).endsWith("push announcements  to every subscriber"));
    }
}
