package dev.flows.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.state.TableChange;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.format.JsonValues;
import dev.flows.engine.state.MvStateStore;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flows running on the real embedded log and state store, with a fake outside system. */
class FlowRuntimeTest {

    @TempDir
    Path temp;

    final JsonEventFormat format = new JsonEventFormat();
    final RecordingSink sink = new RecordingSink();
    EmbeddedLog log;
    MvStateStore state;
    FlowRuntime runtime;

    @AfterEach
    void close() {
        stop();
    }

    private void start(FlowSet flows) {
        log = EmbeddedLog.open(temp.resolve("channels"), LogConfig.defaults());
        flows.channels().forEach(log::open);
        state = MvStateStore.open(temp.resolve("state.mv"));
        runtime = FlowRuntime.start(
                flows, new FlowRuntime.Context(log, state, format, spec -> sink, new CelCompiler(), Clock.systemUTC()));
    }

    private void stop() {
        if (runtime != null) {
            runtime.close();
            state.close();
            log.close();
            runtime = null;
        }
    }

    private static FlowSet flows(Flow... flows) {
        return new FlowSet(
                List.of(
                        new ChannelDefinition("in", 2, SourceLocation.JAVA),
                        new ChannelDefinition("out", 1, SourceLocation.JAVA),
                        new ChannelDefinition(ChannelDefinition.DEAD_LETTER, 1, SourceLocation.JAVA)),
                List.of(flows));
    }

    private void send(Event... events) {
        List<Append> appends = new ArrayList<>();
        for (Event event : events) {
            appends.add(new Append(event.subject().getBytes(StandardCharsets.UTF_8), format.encode(event), 0));
        }
        log.find("in").orElseThrow().append(appends);
    }

    private List<Event> all(String channel) {
        Channel c = log.find(channel).orElseThrow();
        List<Event> events = new ArrayList<>();
        for (int p = 0; p < c.partitions(); p++) {
            for (ChannelRecord record : c.read(p, 0, 10_000)) {
                events.add(format.decode(record.value()));
            }
        }
        return events;
    }

    private static Event order(String id, String user, double amount) {
        return new Event(
                id,
                "/test",
                "shop.order.placed",
                Event.SPEC_VERSION,
                user,
                null,
                null,
                null,
                Map.of(),
                Map.of("user", user, "amount", amount));
    }

    @Test
    void shouldFilterSetAndRouteToChannels() {
        start(flows(Flow.named("f")
                .from("in")
                .filter("type == 'shop.order.placed'")
                .set("data.big", "data.amount > 100.0")
                .route("data.amount > 1000.0", ChannelDefinition.DEAD_LETTER)
                .toChannel("out")
                .build()));

        send(
                order("a", "u1", 50.0),
                order("b", "u2", 500.0),
                order("c", "u3", 5000.0),
                new Event("d", "/t", "shop.page.view", "1.0", "u1", null, null, null, Map.of(), Map.of()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> all("out").size() == 2
                        && all(ChannelDefinition.DEAD_LETTER).size() == 1);
        assertThat(all("out")).extracting(Event::id).containsExactlyInAnyOrder("a", "b");
        assertThat(all("out"))
                .filteredOn(e -> e.id().equals("b"))
                .extracting(e -> (Object) ((Map<?, ?>) e.data()).get("big"))
                .containsExactly(Boolean.TRUE);
        assertThat(all(ChannelDefinition.DEAD_LETTER)).extracting(Event::id).containsExactly("c");
    }

    @Test
    void shouldDeadLetterAnEventAnExpressionFailsOnAndKeepGoing() {
        start(flows(Flow.named("f")
                .from("in")
                .filter("data.amount > 10.0")
                .toChannel("out")
                .build()));

        send(
                new Event("bad", "/t", "x", "1.0", "u1", null, null, null, Map.of(), Map.of("other", 1L)),
                order("good", "u1", 20.0));

        await().atMost(Duration.ofSeconds(10)).until(() -> all("out").size() == 1);
        List<Event> dead = all(ChannelDefinition.DEAD_LETTER);
        assertThat(dead).extracting(Event::id).containsExactly("bad");
        assertThat(dead.getFirst().extensions()).containsEntry(DeadLetter.FLOW, "f");
        assertThat((String) dead.getFirst().extensions().get(DeadLetter.REASON)).contains("data.amount > 10.0");
    }

    @Test
    void shouldAccumulateTableRowsExactlyOnceAcrossRestart() {
        Flow revenue = Flow.named("revenue")
                .from("in")
                .to(new Destination.ToTable(
                        "revenue",
                        Expression.of("subject"),
                        List.of(
                                new FieldAssignment("orders", Expression.of("(has(row.orders) ? row.orders : 0) + 1")),
                                new FieldAssignment(
                                        "total", Expression.of("(has(row.total) ? row.total : 0.0) + data.amount"))),
                        SourceLocation.JAVA))
                .build();
        start(flows(revenue));
        send(order("1", "u1", 1.5), order("2", "u1", 2.5), order("3", "u2", 4.0));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> row("revenue", "u1").get("orders").equals(2L));

        stop();
        start(flows(revenue));
        send(order("4", "u1", 10.0));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> row("revenue", "u1").get("orders").equals(3L));
        assertThat(row("revenue", "u1")).containsEntry("total", 14.0);
        assertThat(row("revenue", "u2")).containsEntry("orders", 1L);
    }

    @Test
    void shouldLogEveryTableChangeOnceAndContinueItsVersionsAcrossRestart() {
        Flow balances = Flow.named("balances")
                .from("in")
                .toTable(
                        "balances",
                        "subject",
                        table -> table.when("data.amount != 0.0")
                                .deleteWhen("has(row.total) && row.total + data.amount <= 0.0")
                                .set("total", "(has(row.total) ? row.total : 0.0) + data.amount"))
                .build();
        start(flows(balances));
        send(order("1", "u1", 5.0), order("2", "u1", 0.0), order("3", "u2", 1.0), order("4", "u1", -5.0));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> state.changeVersions("balances").last() == 3);

        stop();
        start(flows(balances));
        send(order("5", "u1", 7.0));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> state.changeVersions("balances").last() == 4);
        var changes = state.changes("balances", 0, 100);
        assertThat(changes).extracting(TableChange::version).containsExactly(1L, 2L, 3L, 4L);
        assertThat(changes.stream().filter(TableChange::deleted))
                .extracting(TableChange::key)
                .containsExactly("u1");
        assertThat(changes.getLast().key()).isEqualTo("u1");
        assertThat(row("balances", "u1")).containsEntry("total", 7.0);
        assertThat(row("balances", "u2")).containsEntry("total", 1.0);
    }

    @Test
    void shouldDeadLetterWhatASinkGivesUpOn() {
        sink.refuse = true;
        start(flows(
                Flow.named("hook").from("in").toWebhook("http://127.0.0.1:9/x").build()));

        send(order("w1", "u1", 1.0));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> all(ChannelDefinition.DEAD_LETTER).size() == 1);
        assertThat(all(ChannelDefinition.DEAD_LETTER).getFirst().extensions().get(DeadLetter.REASON))
                .isEqualTo("receiver answered 500 three times");
        assertThat(runtime.status().getFirst().deadLettered()).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> row(String table, String key) {
        return state.get(table, key)
                .map(b -> (Map<String, Object>) JsonValues.decode(b))
                .orElse(Map.of("orders", -1L));
    }
}
