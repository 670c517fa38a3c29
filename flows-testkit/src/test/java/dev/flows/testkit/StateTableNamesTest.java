package dev.flows.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Append;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.explain.FlowExplainer;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.runtime.FlowRuntime;
import dev.flows.testkit.channel.MemoryChannelBackend;
import dev.flows.testkit.state.MemoryStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-memory backend under the real runtime (its tasks, idempotent appends and checkpoints), and the
 * state tables {@code flows explain} names are the ones the runtime writes.
 */
class StateTableNamesTest {

    @Test
    void shouldCheckpointAStatefulStepInTheTableExplainNames() {
        Flow flow = Flow.named("unique")
                .from("in")
                .filter("true")
                .dedupe("data.order", Duration.ofMinutes(10))
                .toChannel("out")
                .build();
        List<ChannelDefinition> channels = List.of(
                new ChannelDefinition("in", 2, SourceLocation.JAVA),
                new ChannelDefinition("out", 1, SourceLocation.JAVA),
                new ChannelDefinition(ChannelDefinition.DEAD_LETTER, 1, SourceLocation.JAVA));
        MemoryChannelBackend backend = new MemoryChannelBackend();
        channels.forEach(backend::open);
        MemoryStateStore state = new MemoryStateStore();
        JsonEventFormat format = new JsonEventFormat();
        Event event = TestEvent.of("1", "t")
                .subject("u1")
                .time("2026-01-01T00:00:00Z")
                .data(Map.of("order", "o1"))
                .build();

        try (FlowRuntime runtime = FlowRuntime.start(
                new FlowSet(channels, List.of(flow)),
                new FlowRuntime.Context(
                        backend, state, format, destination -> null, new CelCompiler(), Clock.systemUTC()))) {
            backend.find("in")
                    .orElseThrow()
                    .append(List.of(new Append("u1".getBytes(StandardCharsets.UTF_8), format.encode(event), 0)));
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            backend.memoryChannel("out").orElseThrow().records().size() == 1);
            assertThat(runtime.status().getFirst().processed()).isEqualTo(1);
        }

        assertThat(FlowExplainer.explain(flow, Map.of())).contains("state: flows.state.unique.1");
        assertThat(state.tables()).contains("flows.state.unique.1");
    }
}
