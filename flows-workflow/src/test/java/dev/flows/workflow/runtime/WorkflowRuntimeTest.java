package dev.flows.workflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.event.Event;
import dev.flows.api.flow.FlowSet;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.state.MvStateStore;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.testkit.VirtualClock;
import dev.flows.workflow.decision.CompiledWorkflow;
import dev.flows.workflow.decision.Decider;
import dev.flows.workflow.decision.EventJson;
import dev.flows.workflow.decision.HistoryReplay;
import dev.flows.workflow.decision.HistoryTypes;
import dev.flows.workflow.decision.Instance;
import dev.flows.workflow.decision.InstanceStatus;
import dev.flows.workflow.decision.Orders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime on real parts (the embedded log and the MVStore state store in a temporary directory) and on
 * virtual time: timers never fire before they are due, instances and timers survive a stop and a restart, an
 * outside step that fails is compensated, signals and cancellation take the signal channel, and the history in
 * the log replays to the committed snapshot.
 */
class WorkflowRuntimeTest {

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(Orders.T0);
    private final FlowSet flows = Orders.flowSet();
    private EmbeddedLog log;
    private MvStateStore state;
    private WorkflowRuntime runtime;

    private void open() {
        log = EmbeddedLog.open(dir.resolve("channels"), LogConfig.defaults());
        flows.channels().forEach(log::open);
        state = MvStateStore.open(dir.resolve("state.mv"));
        runtime = WorkflowRuntime.start(
                flows.workflows(),
                new WorkflowRuntime.Context(
                        log,
                        state,
                        destination -> {
                            throw new UnsupportedOperationException("no webhooks in this test");
                        },
                        new CelCompiler(),
                        clock,
                        OutboundCheck.PUBLIC_ONLY));
    }

    private void close() {
        runtime.close();
        state.close();
        log.close();
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            close();
        }
    }

    private void post(Event event) {
        Channel shop = log.find("shop").orElseThrow();
        shop.append(List.of(
                new Append(event.subject().getBytes(StandardCharsets.UTF_8), EventJson.encode(event), clock.millis())));
    }

    private Instance awaitInstance(String key, String stateName) {
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> runtime.instance("orders", key)
                                .map(Instance::state)
                                .orElse(""),
                        stateName::equals);
        return runtime.instance("orders", key).orElseThrow();
    }

    /** Posts a start for a fresh key and waits for it: afterwards, the task has run a batch at the current time. */
    private void barrier(String key) {
        post(Orders.placed(key, 1));
        awaitInstance(key, "placed");
    }

    @Test
    void shouldNeverFireATimerBeforeItIsDueAndFireItOnceDue() {
        open();
        post(Orders.placed("o1", 50));
        awaitInstance("o1", "placed");

        clock.advance(Duration.ofMinutes(15).minusMillis(1));
        barrier("barrier-1");
        assertThat(runtime.instance("orders", "o1").orElseThrow().state()).isEqualTo("placed");

        clock.advance(Duration.ofMillis(1));
        Instance reminded = awaitInstance("o1", "reminded");
        assertThat(reminded.timers())
                .singleElement()
                .satisfies(timer -> assertThat(timer.due()).isEqualTo(Orders.T0.plus(Duration.ofMinutes(60))));
        Event fired = history("o1", HistoryTypes.TIMER_FIRED).getFirst();
        assertThat(fired.time()).isAfterOrEqualTo(Instant.parse("2026-01-01T10:15:00Z"));
        assertThat(((Map<?, ?>) fired.data()).get("lateMs")).isEqualTo(0L);
        Event reminder = outputs().stream()
                .filter(event -> event.type().equals("shop.order.reminded"))
                .findFirst()
                .orElseThrow();
        assertThat(reminder.id()).isEqualTo("orders/o1/2.0");
    }

    @Test
    void shouldKeepInstancesAndTimersAcrossARestartAndFireWhatCameDueMeanwhile() {
        open();
        post(Orders.placed("o1", 50));
        awaitInstance("o1", "placed");
        close();

        clock.advance(Duration.ofMinutes(20)); // due while stopped: fires at the restart
        open();
        Instance reminded = awaitInstance("o1", "reminded");
        assertThat(reminded.status()).isEqualTo(InstanceStatus.RUNNING);
        Event fired = history("o1", HistoryTypes.TIMER_FIRED).getFirst();
        assertThat(((Map<?, ?>) fired.data()).get("lateMs"))
                .isEqualTo(Duration.ofMinutes(5).toMillis());

        clock.advance(Duration.ofMinutes(45));
        Instance cancelled = awaitInstance("o1", "cancelled");
        assertThat(cancelled.status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(history("o1", HistoryTypes.TIMER_FIRED)).hasSize(2);
        assertThat(outputs()).extracting(Event::type).containsExactly("shop.order.reminded", "shop.order.cancelled");
    }

    @Test
    void shouldCompensateWhenAnOutsideCallFailsAndEndFailed() {
        open();
        post(Orders.placed("o1", 50));
        awaitInstance("o1", "placed");
        post(Orders.paid("o1", 50)); // the reservation's POST goes to port 1: refused, one attempt

        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> runtime.instance("orders", "o1").map(Instance::status),
                        Optional.of(InstanceStatus.FAILED)::equals);
        Instance failed = runtime.instance("orders", "o1").orElseThrow();
        assertThat(failed.state()).isEqualTo("cancelled");
        assertThat(failed.failure()).contains("step 2.0").contains("127.0.0.1:1");
        assertThat(history("o1", null))
                .extracting(Event::type)
                .contains(
                        HistoryTypes.ACTION_STARTED,
                        HistoryTypes.ACTION_FAILED,
                        HistoryTypes.COMPENSATING,
                        HistoryTypes.COMPENSATED,
                        HistoryTypes.FAILED);
        // nothing was done that needed undoing: the failed step was the first
        assertThat(outputs()).extracting(Event::type).containsExactly("shop.order.cancelled");
    }

    @Test
    void shouldTakeSignalsAndCancellationsThroughTheSignalChannel() {
        open();
        post(Orders.placed("o1", 50));
        post(Orders.placed("o2", 50));
        awaitInstance("o1", "placed");
        awaitInstance("o2", "placed");

        runtime.signal("orders", "o1", "cancel-order", Map.of("by", "support"));
        runtime.cancel("orders", "o2", "duplicate order");

        assertThat(awaitInstance("o1", "cancelled").status()).isEqualTo(InstanceStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> runtime.instance("orders", "o2").map(Instance::status),
                        Optional.of(InstanceStatus.CANCELLED)::equals);
        assertThat(history("o1", HistoryTypes.SIGNAL_RECEIVED))
                .singleElement()
                .satisfies(record -> assertThat(((Map<?, ?>) ((Map<?, ?>) record.data()).get("event")).get("data"))
                        .isEqualTo(Map.of("by", "support")));
        assertThat(runtime.instances("orders", "cancelled", "", "", 10))
                .extracting(Instance::key)
                .containsExactly("o1");
        assertThat(runtime.instances("orders", null, "o", "o1", 10))
                .extracting(Instance::key)
                .containsExactly("o2");
    }

    @Test
    void shouldReplayTheHistoryInTheLogToTheCommittedSnapshot() {
        open();
        post(Orders.placed("o1", 50));
        awaitInstance("o1", "placed");
        clock.advance(Duration.ofMinutes(16));
        awaitInstance("o1", "reminded");
        runtime.cancel("orders", "o1", "test");
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> runtime.instance("orders", "o1").map(Instance::status),
                        Optional.of(InstanceStatus.CANCELLED)::equals);

        Decider decider = new Decider(new CompiledWorkflow(flows.workflows().getFirst(), new CelCompiler()));
        HistoryReplay.Result replay = HistoryReplay.replay(decider, runtime.history("orders", "o1"));

        assertThat(replay.divergence()).isNull();
        assertThat(dev.flows.workflow.decision.InstanceCodec.toMap(replay.instance()))
                .isEqualTo(dev.flows.workflow.decision.InstanceCodec.toMap(
                        runtime.instance("orders", "o1").orElseThrow()));
    }

    private List<Event> history(String key, String type) {
        return runtime.history("orders", key).stream()
                .filter(record -> type == null || record.type().equals(type))
                .toList();
    }

    private List<Event> outputs() {
        Channel fulfilment = log.find("fulfilment").orElseThrow();
        return fulfilment.read(0, 0, 1_000).stream()
                .map(record -> EventJson.decode(record.value()))
                .toList();
    }
}
