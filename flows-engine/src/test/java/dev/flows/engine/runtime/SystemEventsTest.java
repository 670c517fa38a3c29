package dev.flows.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.api.system.SystemEvent;
import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.state.MvStateStore;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runtime reports to its {@link dev.flows.api.system.SystemEvents}: lifecycle, failures, dead letters. */
class SystemEventsTest {

    @TempDir
    Path temp;

    private final JsonEventFormat format = new JsonEventFormat();
    private final RecordingSystemEvents published = new RecordingSystemEvents();
    private EmbeddedLog log;
    private MvStateStore state;
    private FlowRuntime runtime;

    @AfterEach
    void close() {
        stop();
    }

    @Test
    void shouldPublishStartedForEachFlowAtStartAndStoppedAtClose() {
        start(
                Flow.named("a").from("in").toChannel("out").build(),
                Flow.named("b").from("in").toChannel("out").build());

        assertThat(published.events()).containsExactly(SystemEvent.flowStarted("a"), SystemEvent.flowStarted("b"));

        stop();

        assertThat(published.events())
                .containsExactly(
                        SystemEvent.flowStarted("a"),
                        SystemEvent.flowStarted("b"),
                        SystemEvent.flowStopped("a"),
                        SystemEvent.flowStopped("b"));
        assertThat(published.events().getFirst().data()).isEqualTo(Map.of("flow", "a"));
    }

    @Test
    void shouldPublishEveryDeadLetterWithFlowChannelReasonAndEventId() {
        start(Flow.named("f")
                .from("in")
                .filter("data.amount > 10.0")
                .toChannel("out")
                .build());

        send("in", event("bad", Map.of("other", 1L)));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !published.ofType(SystemEvent.EVENT_DEAD_LETTERED).isEmpty());
        SystemEvent dead = published.ofType(SystemEvent.EVENT_DEAD_LETTERED).getFirst();
        assertThat(dead.subject()).isEqualTo("f");
        assertThat(dead.data())
                .containsEntry("flow", "f")
                .containsEntry("channel", ChannelDefinition.DEAD_LETTER)
                .containsEntry("event", "bad");
        assertThat((String) dead.data().get("reason")).contains("data.amount > 10.0");
    }

    @Test
    void shouldPublishFailedWhenAStepStopsTheFlow() {
        start(Flow.named("strict")
                .from("in")
                .step(new Step.Filter(Expression.of("data.n > 1"), OnError.FAIL, SourceLocation.JAVA))
                .toChannel("out")
                .build());

        send("in", event("e1", Map.of()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !published.ofType(SystemEvent.FLOW_FAILED).isEmpty());
        SystemEvent failed = published.ofType(SystemEvent.FLOW_FAILED).getFirst();
        assertThat(failed.data()).containsEntry("flow", "strict");
        assertThat((String) failed.data().get("error")).contains("failed on event e1");
    }

    @Test
    void shouldNotPublishDeadLettersOfAFlowReadingTheSystemChannelItself() {
        start(Flow.named("watch")
                .from(ChannelDefinition.SYSTEM)
                .filter("data.amount > 10.0")
                .toChannel("out")
                .build());

        send(ChannelDefinition.SYSTEM, event("sys-1", Map.of()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> runtime.status().getFirst().deadLettered() == 1);
        assertThat(published.ofType(SystemEvent.EVENT_DEAD_LETTERED)).isEmpty();
    }

    private void start(Flow... flows) {
        List<ChannelDefinition> channels = new ArrayList<>(List.of(
                new ChannelDefinition("in", 2, SourceLocation.JAVA),
                new ChannelDefinition("out", 1, SourceLocation.JAVA)));
        channels.addAll(FlowDirectory.builtInChannels(List.of(flows)));
        log = EmbeddedLog.open(temp.resolve("channels"), LogConfig.defaults());
        channels.forEach(log::open);
        state = MvStateStore.open(temp.resolve("state.mv"));
        runtime = FlowRuntime.start(
                new FlowSet(channels, List.of(flows)),
                new FlowRuntime.Context(
                        log,
                        state,
                        format,
                        spec -> new RecordingSink(),
                        new CelCompiler(),
                        Clock.systemUTC(),
                        Path.of(""),
                        published));
    }

    private void stop() {
        if (runtime != null) {
            runtime.close();
            state.close();
            log.close();
            runtime = null;
        }
    }

    private void send(String channel, Event event) {
        Channel target = log.find(channel).orElseThrow();
        target.append(List.of(new Append(null, format.encode(event), 0)));
    }

    private static Event event(String id, Map<String, Object> data) {
        return new Event(id, "/test", "test.event", Event.SPEC_VERSION, "u1", null, null, null, Map.of(), data);
    }
}
