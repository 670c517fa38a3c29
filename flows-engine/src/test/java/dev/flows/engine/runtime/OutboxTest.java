package dev.flows.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.SequencedAppend;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.state.StateUpdate;
import dev.flows.engine.format.JsonValues;
import dev.flows.engine.state.MvStateStore;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Outbox} over a real log and a real state store: what a crash leaves is appended once, then cleared. */
class OutboxTest {

    private static final String TABLE = "flows.outbox.test";
    private static final String PRODUCER = "flow:test";

    @TempDir
    Path directory;

    private EmbeddedLog log;
    private MvStateStore state;
    private Channel orders;
    private Channel alerts;
    private Outbox outbox;

    @BeforeEach
    void open() {
        log = EmbeddedLog.open(directory.resolve("channels"), LogConfig.defaults());
        orders = log.open(new ChannelDefinition("orders", 1, SourceLocation.JAVA));
        alerts = log.open(new ChannelDefinition("alerts", 1, SourceLocation.JAVA));
        state = MvStateStore.open(directory.resolve("state.mv"));
        outbox = new Outbox(TABLE, state);
    }

    @AfterEach
    void close() throws Exception {
        state.close();
        log.close();
    }

    @Test
    void shouldReappendWhatACrashLeftOnceInSequenceOrderAndClearIt() {
        // Committed, then a crash: the first two were appended before it, the last two were not.
        List<StateUpdate.Put> puts = new ArrayList<>();
        List<SequencedAppend> toOrders = List.of(record(1, "k1", "{\"n\":1}"), record(2, null, "{\"n\":2}"));
        List<SequencedAppend> toAlerts = List.of(record(3, "k3", "{\"n\":3}"), record(4, "k4", "{\"n\":\"é\"}"));
        toOrders.forEach(record -> puts.add(outbox.put("orders", record)));
        toAlerts.forEach(record -> puts.add(outbox.put("alerts", record)));
        state.apply(new StateUpdate(puts, List.of()));
        orders.append(PRODUCER, toOrders);

        int redelivered = outbox.redeliver(PRODUCER, name -> name.equals("orders") ? orders : alerts);

        assertThat(redelivered).isEqualTo(4);
        assertThat(values(orders)).containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(values(alerts)).containsExactly("{\"n\":3}", "{\"n\":\"é\"}");
        assertThat(orders.read(0, 0, 10).get(1).key()).isNull();
        assertThat(alerts.read(0, 0, 10).get(0).key()).isEqualTo("k3".getBytes(StandardCharsets.UTF_8));
        assertThat(alerts.read(0, 0, 10).get(0).timestampMs()).isEqualTo(1_003);
        assertThat(state.scan(TABLE, "", 10)).isEmpty();
        assertThat(outbox.redeliver(PRODUCER, name -> orders)).isZero();
    }

    @Test
    void shouldDeleteTheEntriesItPut() {
        List<StateUpdate.Put> puts = List.of(outbox.put("orders", record(7, "k", "{}")));
        state.apply(new StateUpdate(puts, List.of()));

        state.apply(new StateUpdate(outbox.deletions(puts), List.of()));

        assertThat(state.scan(TABLE, "", 10)).isEmpty();
    }

    @Test
    void shouldReadTheJsonEntriesFlowTasksWroteBefore() {
        byte[] legacy = JsonValues.encode(Map.of("channel", "orders", "value", "{\"n\":9}", "timestamp", 42L));
        state.apply(new StateUpdate(List.of(new StateUpdate.Put(TABLE, Outbox.key(9), legacy)), List.of()));

        assertThat(outbox.redeliver(PRODUCER, name -> orders)).isEqualTo(1);

        ChannelRecord record = orders.read(0, 0, 10).getFirst();
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":9}");
        assertThat(record.key()).isNull();
        assertThat(record.timestampMs()).isEqualTo(42);
    }

    private static SequencedAppend record(long sequence, String key, String value) {
        return new SequencedAppend(
                new Append(
                        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8),
                        1_000 + sequence),
                sequence);
    }

    private static List<String> values(Channel channel) {
        return channel.read(0, 0, 100).stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                .toList();
    }
}
