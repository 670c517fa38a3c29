package dev.flows.engine.runtime;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.state.MvStateStore;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow run by {@link LocalFlow} over the real embedded log and state store in a temporary directory, with a
 * clock the test moves. Channels: in, other, out, late and the dead-letter channel.
 */
final class LocalHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final JsonEventFormat format = new JsonEventFormat();
    final MutableClock clock = new MutableClock(T0);
    final EmbeddedLog log;
    final MvStateStore state;
    private final LocalFlow flow;

    LocalHarness(Path directory, Flow flow) {
        log = EmbeddedLog.open(directory.resolve("channels"), LogConfig.defaults());
        for (String name : List.of("in", "other", "out", "late", ChannelDefinition.DEAD_LETTER)) {
            log.open(new ChannelDefinition(name, 1, SourceLocation.JAVA));
        }
        state = MvStateStore.open(directory.resolve("state.mv"));
        this.flow = LocalFlow.compile(
                flow,
                new FlowRuntime.Context(
                        log, state, format, spec -> new RecordingSink(), new CelCompiler(), clock, directory));
    }

    LocalHarness send(Event... events) {
        for (Event event : events) {
            flow.accept(format.encode(event));
        }
        return this;
    }

    LocalHarness sendJoined(Event... events) {
        for (Event event : events) {
            flow.acceptJoined(event);
        }
        return this;
    }

    LocalHarness end() {
        flow.endOfInput();
        return this;
    }

    LocalFlow flow() {
        return flow;
    }

    /** Every event in a channel, after flushing the flow. */
    List<Event> read(String channel) {
        try {
            flow.flush();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        Channel c = log.find(channel).orElseThrow();
        List<Event> events = new ArrayList<>();
        for (ChannelRecord record : c.read(0, 0, 100_000)) {
            events.add(format.decode(record.value()));
        }
        return events;
    }

    /** The data of every event in a channel. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> data(String channel) {
        return read(channel).stream().map(e -> (Map<String, Object>) e.data()).toList();
    }

    static Event event(String id, String type, String subject, long secondsAfterT0, Map<String, Object> data) {
        return new Event(
                id,
                "/test",
                type,
                Event.SPEC_VERSION,
                subject,
                T0.plusSeconds(secondsAfterT0),
                "application/json",
                null,
                Map.of(),
                new LinkedHashMap<>(data));
    }

    static Event eventAtMillis(String id, String type, String subject, long millisAfterT0, Map<String, Object> data) {
        return new Event(
                id,
                "/test",
                type,
                Event.SPEC_VERSION,
                subject,
                T0.plusMillis(millisAfterT0),
                "application/json",
                null,
                Map.of(),
                new LinkedHashMap<>(data));
    }

    @Override
    public void close() {
        state.close();
        log.close();
    }

    /** A clock a test sets. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
