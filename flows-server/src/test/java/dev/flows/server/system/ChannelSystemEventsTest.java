package dev.flows.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.error.StorageFullException;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.system.SystemEvent;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's publisher: CloudEvents on the system channel, and nothing thrown when they cannot be stored. */
class ChannelSystemEventsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private final JsonEventFormat format = new JsonEventFormat();

    @Test
    void shouldAppendEachEventAsACloudEventWithIdSourceTypeSubjectTimeAndData() {
        try (EmbeddedLog log = EmbeddedLog.open(temp, LogConfig.defaults())) {
            Channel system = log.open(new ChannelDefinition(ChannelDefinition.SYSTEM, 1, SourceLocation.JAVA));
            try (ChannelSystemEvents events = new ChannelSystemEvents(system, format, CLOCK, "box-1")) {
                events.publish(SystemEvent.flowStarted("orders"));
                events.publish(SystemEvent.storageFull("shop", 2, "the disk is full"));
            }

            List<Event> stored = system.read(0, 0, 10).stream()
                    .map(ChannelRecord::value)
                    .map(format::decode)
                    .toList();
            assertThat(stored).hasSize(2);
            Event started = stored.getFirst();
            assertThat(started.type()).isEqualTo("flows.flow.started");
            assertThat(started.source()).isEqualTo("/flows/box-1");
            assertThat(started.subject()).isEqualTo("orders");
            assertThat(started.time()).isEqualTo(CLOCK.instant());
            assertThat(started.data()).isEqualTo(Map.of("flow", "orders"));
            assertThat(stored.get(1).data())
                    .isEqualTo(Map.of("channel", "shop", "partition", 2L, "message", "the disk is full"));
            assertThat(started.id()).isNotEqualTo(stored.get(1).id()).hasSize(36);
        }
    }

    @Test
    void shouldDropWhatTheChannelRefusesWithoutThrowing() {
        Channel full = (Channel) Proxy.newProxyInstance(
                Channel.class.getClassLoader(), new Class<?>[] {Channel.class}, (proxy, method, args) -> {
                    if (method.getName().equals("append")) {
                        throw new StorageFullException("the disk is full", null);
                    }
                    return method.getName().equals("name") ? ChannelDefinition.SYSTEM : null;
                });
        ChannelSystemEvents events = new ChannelSystemEvents(full, format, CLOCK, "box-1");

        events.publish(SystemEvent.flowStarted("orders"));
        events.close();
        events.publish(SystemEvent.flowStopped("orders")); // after close: dropped too

        assertThat(events.dropped()).isEqualTo(2);
    }

    @Test
    void shouldFindThePartitionInTheLogsMessage() {
        String message = "could not write to /data/channels/shop/3/00000000000000000000.log: the disk is full";

        assertThat(StorageFullEvent.of("shop", message)).isEqualTo(SystemEvent.storageFull("shop", 3, message));
        assertThat(StorageFullEvent.of("shop", "the disk is full"))
                .isEqualTo(SystemEvent.storageFull("shop", null, "the disk is full"));
        assertThat(StorageFullEvent.of(null, message)).isEqualTo(SystemEvent.storageFull(null, null, message));
    }
}
