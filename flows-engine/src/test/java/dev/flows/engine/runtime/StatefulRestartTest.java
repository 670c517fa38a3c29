package dev.flows.engine.runtime;

import static dev.flows.engine.runtime.LocalHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.EventTime;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.PatternStage;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.WindowShape;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.state.MvStateStore;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stateful flows run by the runtime's tasks, stopped and started again in the middle of a window and of a
 * pattern: the state comes back from the checkpoint, and every result is emitted exactly once.
 */
class StatefulRestartTest {

    static final EventTime TWO_SECONDS = new EventTime(null, Duration.ofSeconds(2), Duration.ZERO);

    @TempDir
    Path temp;

    final JsonEventFormat format = new JsonEventFormat();
    EmbeddedLog log;
    MvStateStore state;
    FlowRuntime runtime;

    @AfterEach
    void close() {
        stop();
    }

    private void start(Flow flow) {
        log = EmbeddedLog.open(temp.resolve("channels"), LogConfig.defaults());
        FlowSet flows = new FlowSet(
                List.of(
                        new ChannelDefinition("in", 1, SourceLocation.JAVA),
                        new ChannelDefinition("out", 2, SourceLocation.JAVA),
                        new ChannelDefinition(ChannelDefinition.DEAD_LETTER, 1, SourceLocation.JAVA)),
                List.of(flow));
        flows.channels().forEach(log::open);
        state = MvStateStore.open(temp.resolve("state.mv"));
        runtime = FlowRuntime.start(
                flows,
                new FlowRuntime.Context(
                        log, state, format, spec -> new RecordingSink(), new CelCompiler(), Clock.systemUTC()));
    }

    private void stop() {
        if (runtime != null) {
            runtime.close();
            state.close();
            log.close();
            runtime = null;
        }
    }

    private void send(Event... events) {
        List<Append> appends = new ArrayList<>();
        for (Event event : events) {
            appends.add(new Append(event.subject().getBytes(StandardCharsets.UTF_8), format.encode(event), 0));
        }
        log.find("in").orElseThrow().append(appends);
    }

    private void awaitProcessed(long count) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> runtime.status().getFirst().processed() >= count);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> out() {
        Channel c = log.find("out").orElseThrow();
        List<Map<String, Object>> data = new ArrayList<>();
        for (int p = 0; p < c.partitions(); p++) {
            for (ChannelRecord record : c.read(p, 0, 100_000)) {
                data.add((Map<String, Object>) format.decode(record.value()).data());
            }
        }
        return data;
    }

    private static Event cart(String id, long second, String item) {
        return event(id, "cart", "u-" + item, second, Map.of("item", item));
    }

    @Test
    void shouldResumeAnOpenWindowAfterARestartAndEmitEachWindowOnce() {
        Map<String, String> aggregates = new LinkedHashMap<>();
        aggregates.put("count", "count()");
        Flow flow = Flow.named("minutes")
                .from("in")
                .eventTime(TWO_SECONDS)
                .window(
                        new WindowShape.Tumbling(Duration.ofSeconds(60)),
                        Map.of("item", "data.item"),
                        aggregates,
                        Duration.ZERO,
                        "minute")
                .toChannel("out")
                .build();
        start(flow);
        send(cart("1", 10, "a"), cart("2", 20, "b"), cart("3", 30, "a"), cart("4", 70, "a")); // first minute closed
        awaitProcessed(4);
        await().atMost(Duration.ofSeconds(20)).until(() -> out().size() == 2);

        stop();
        start(flow);
        send(cart("5", 80, "a"), cart("6", 100, "b"), cart("7", 200, "c")); // second minute closes after restart
        awaitProcessed(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> out().size() == 4);

        assertThat(out())
                .extracting(d -> d.get("item") + "@" + d.get("window_start") + "=" + d.get("count"))
                .containsExactlyInAnyOrder(
                        "a@2026-01-01T00:00:00Z=2",
                        "b@2026-01-01T00:00:00Z=1",
                        "a@2026-01-01T00:01:00Z=2",
                        "b@2026-01-01T00:01:00Z=1");
    }

    @Test
    void shouldRememberAPendingAbsenceAcrossARestart() {
        Flow flow = Flow.named("abandoned")
                .from("in")
                .eventTime(TWO_SECONDS)
                .pattern(
                        "data.order",
                        List.of(
                                new PatternStage("checkout", Expression.of("type == 'checkout'"), 1, false),
                                new PatternStage("placed", Expression.of("type == 'placed'"), 1, true)),
                        Duration.ofMinutes(30),
                        "checkout.abandoned",
                        Map.of("data.order", "checkout.data.order"))
                .toChannel("out")
                .build();
        start(flow);
        send(
                event("c1", "checkout", "u1", 0, Map.of("order", "o1")),
                event("c2", "checkout", "u2", 5, Map.of("order", "o2")));
        awaitProcessed(2);

        stop();
        start(flow);
        send(
                event("p2", "placed", "u2", 100, Map.of("order", "o2")),
                event("x", "tick", "u3", 4000, Map.of("order", "x")));
        awaitProcessed(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> out().size() == 1);

        stop();
        start(flow); // a restart after the decision does not repeat it
        send(event("y", "tick", "u3", 8000, Map.of("order", "y")));
        awaitProcessed(1);
        assertThat(out()).containsExactly(Map.of("order", "o1"));
    }
}
