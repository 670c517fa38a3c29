package dev.flows.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.ColumnMerge;
import dev.flows.api.flow.DatabaseColumn;
import dev.flows.api.flow.DatabaseKind;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.sink.Sink;
import dev.flows.api.sink.Upsert;
import dev.flows.api.sink.UpsertSink;
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
 * A database destination as the engine drives it, with a fake database: rows computed from each event, handed
 * over per task batch in slices of the destination's batch size before the offsets commit, what the sink gives
 * up on or cannot be computed dead-lettered, and a batch abandoned by a stop committed not at all.
 */
class DatabaseOutputTest {

    @TempDir
    Path temp;

    final JsonEventFormat format = new JsonEventFormat();
    final FakeUpsertSink database = new FakeUpsertSink();
    EmbeddedLog log;
    MvStateStore state;
    FlowRuntime runtime;

    @AfterEach
    void close() {
        stop();
        if (log != null) {
            state.close();
            log.close();
        }
    }

    private void start() {
        if (log == null) {
            log = EmbeddedLog.open(temp.resolve("channels"), LogConfig.defaults());
            flows().channels().forEach(log::open);
            state = MvStateStore.open(temp.resolve("state.mv"));
        }
        SinkFactory sinks = new SinkFactory() {
            @Override
            public Sink webhook(Destination.ToWebhook destination) {
                throw new AssertionError("no webhook here");
            }

            @Override
            public UpsertSink database(String flow, Destination.ToDatabase destination) {
                return database;
            }
        };
        runtime = FlowRuntime.start(
                flows(), new FlowRuntime.Context(log, state, format, sinks, new CelCompiler(), Clock.systemUTC()));
    }

    private void stop() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    private static FlowSet flows() {
        Destination.ToDatabase customers = new Destination.ToDatabase(
                DatabaseKind.POSTGRES,
                "jdbc:postgresql://127.0.0.1/test",
                null,
                null,
                "customers",
                List.of("customer"),
                List.of(
                        column("customer", "data.user"),
                        column("amount", "data.amount"),
                        column("tags", "data.tags"),
                        column("seen", "time")),
                3,
                Destination.ToDatabase.DEFAULT_RETRY,
                ChannelDefinition.DEAD_LETTER,
                SourceLocation.JAVA);
        return new FlowSet(
                List.of(
                        new ChannelDefinition("in", 2, SourceLocation.JAVA),
                        new ChannelDefinition(ChannelDefinition.DEAD_LETTER, 1, SourceLocation.JAVA)),
                List.of(Flow.named("sync").from("in").to(customers).build()));
    }

    private static DatabaseColumn column(String name, String cel) {
        return new DatabaseColumn(name, Expression.of(cel), ColumnMerge.REPLACE);
    }

    private void send(Event... events) {
        List<Append> appends = new ArrayList<>();
        for (Event event : events) {
            appends.add(new Append(event.subject().getBytes(StandardCharsets.UTF_8), format.encode(event), 0));
        }
        log.find("in").orElseThrow().append(appends);
    }

    private static Event order(String id, String user) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (user != null) {
            data.put("user", user);
        }
        data.put("amount", 12.5);
        data.put("tags", List.of("vip"));
        return new Event(
                id,
                "/shop",
                "order",
                Event.SPEC_VERSION,
                "k",
                java.time.Instant.parse("2026-03-01T10:00:00Z"),
                null,
                null,
                Map.of(),
                data);
    }

    private List<Event> deadLetters() {
        Channel channel = log.find(ChannelDefinition.DEAD_LETTER).orElseThrow();
        return channel.read(0, 0, 1_000).stream()
                .map(ChannelRecord::value)
                .map(format::decode)
                .toList();
    }

    @Test
    void shouldHandComputedRowsToTheSinkInSlicesOfItsBatchSize() {
        start();
        send(order("e1", "ada"), order("e2", "bob"), order("e3", "ada"), order("e4", "cy"), order("e5", "dee"));

        await().atMost(Duration.ofSeconds(10)).until(() -> database.applied.size() == 5);
        assertThat(database.slices).allSatisfy(slice -> assertThat(slice).hasSizeLessThanOrEqualTo(3));
        assertThat(database.applied).extracting(Upsert::eventId).containsExactly("e1", "e2", "e3", "e4", "e5");
        assertThat(database.applied.getFirst()).isEqualTo(new Upsert("/shop", "e1", row("ada")));
        stop();
        assertThat(database.closed).isTrue();
    }

    @Test
    void shouldDeadLetterWhatTheSinkGivesUpOnAndWhatCannotBeComputed() {
        database.refused.add("e2");
        start();
        send(order("e1", "ada"), order("e2", "bob"), order("e3", null), order("e4", "cy"));

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().size() == 2);
        assertThat(database.applied).extracting(Upsert::eventId).containsExactly("e1", "e4");
        assertThat(deadLetters())
                .extracting(Event::id, event -> event.extensions().get("deadletterreason"))
                .containsExactly( // in the order of the input, whenever each was given up on
                        tuple("e2", "the database refused event e2"),
                        tuple(
                                "e3",
                                "postgres table customers: column 'customer': <java>: evaluating `data.user` failed:"
                                        + " key 'user' is not present in map; guard it with has(data.user), or read"
                                        + " it with a default: data.?user.orValue(...)"));
    }

    @Test
    void shouldCommitNothingOfABatchAbandonedByAStop() {
        database.down = true;
        start();
        send(order("e1", "ada"), order("e2", "bob"));
        await().atMost(Duration.ofSeconds(10)).until(() -> database.calls.get() > 0);

        long stopping = System.nanoTime();
        stop();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
        assertThat(database.applied).isEmpty();

        database.down = false;
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> database.applied.size() == 2);
        assertThat(deadLetters()).isEmpty();
    }

    private static Map<String, Object> row(String customer) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer", customer);
        row.put("amount", 12.5);
        row.put("tags", "[\"vip\"]");
        row.put("seen", "2026-03-01T10:00:00Z");
        return row;
    }
}
