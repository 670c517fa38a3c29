package dev.flows.server.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A subscription over the real embedded log with an outlet the test controls. */
class PushSubscriptionTest {

    @TempDir
    Path temp;

    EmbeddedLog log;
    Channel channel;

    @BeforeEach
    void open() {
        log = EmbeddedLog.open(temp, LogConfig.defaults());
        channel = log.open(new ChannelDefinition("notes", 4, SourceLocation.JAVA));
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void shouldSendHeartbeatsWhileNothingIsSent() throws Exception {
        RecordingOutlet outlet = new RecordingOutlet(Integer.MAX_VALUE);
        PushSubscription subscription =
                PushSubscription.start(channel, "u1", cursorAtEnd(), outlet, Duration.ofMillis(50), () -> {});

        await().atMost(Duration.ofSeconds(5)).until(() -> outlet.heartbeats.get() >= 3);

        assertThat(subscription.closeAndAwait(Duration.ofSeconds(5))).isTrue();
        assertThat(outlet.ends.get()).isEqualTo(1);
    }

    @Test
    void shouldEndWhenAHeartbeatFindsTheIdleSubscriberGone() {
        RecordingOutlet outlet = new RecordingOutlet(Integer.MAX_VALUE);
        outlet.gone = true;
        AtomicInteger stopped = new AtomicInteger();
        PushSubscription subscription = PushSubscription.start(
                channel, "u1", cursorAtEnd(), outlet, Duration.ofMillis(50), stopped::incrementAndGet);

        await().atMost(Duration.ofSeconds(5)).until(() -> stopped.get() == 1);
        assertThat(subscription.open()).isFalse();
        assertThat(outlet.ends.get()).isEqualTo(1);
    }

    @Test
    void shouldStopEveryReaderWhenTheSubscriberGoesAwayMidBatchOnAnyPartition() throws Exception {
        List<Append> notes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            notes.add(note("k" + i, i % 3 == 0 ? "u2" : "u1"));
        }
        channel.append(notes);
        RecordingOutlet outlet = new RecordingOutlet(25); // the subscriber leaves after 25 notifications

        PushSubscription subscription = PushSubscription.start(
                channel, "u1", PushCursor.at(new long[4]), outlet, Duration.ofSeconds(15), () -> {});

        await().atMost(Duration.ofSeconds(10)).until(() -> !subscription.open());
        assertThat(subscription.closeAndAwait(Duration.ofSeconds(10))).isTrue();
        assertThat(outlet.sent).hasSize(25);
        assertThat(outlet.ends.get()).isEqualTo(1);
    }

    @Test
    void shouldGiveEachNotificationAnIdThatCoversExactlyWhatWasSentUpToIt() throws Exception {
        List<Append> notes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            notes.add(note("k" + i, i % 2 == 0 ? "u1" : "u2"));
        }
        channel.append(notes);
        RecordingOutlet outlet = new RecordingOutlet(Integer.MAX_VALUE);
        PushSubscription subscription = PushSubscription.start(
                channel, "u1", PushCursor.at(new long[4]), outlet, Duration.ofSeconds(15), () -> {});

        await().atMost(Duration.ofSeconds(10)).until(() -> outlet.sent.size() == 150);
        subscription.closeAndAwait(Duration.ofSeconds(5));

        // Resuming after notification i must give exactly the ones after it: what the id covers is what was sent.
        List<ChannelRecord> stored = new ArrayList<>();
        for (int p = 0; p < channel.partitions(); p++) {
            stored.addAll(channel.read(p, 0, 1000));
        }
        for (int i = 0; i < outlet.sent.size(); i++) {
            PushCursor at = PushCursor.parse(outlet.sent.get(i), channel.partitions());
            Set<String> covered = new HashSet<>();
            for (ChannelRecord record : stored) {
                String json = new String(record.value(), StandardCharsets.UTF_8);
                if (record.offset() < at.next(record.partition()) && json.contains("\"u1\"")) {
                    covered.add(new String(record.key(), StandardCharsets.UTF_8));
                }
            }
            assertThat(covered).as("what id %d covers", i).isEqualTo(new HashSet<>(outlet.keys.subList(0, i + 1)));
        }
    }

    private PushCursor cursorAtEnd() {
        long[] next = new long[channel.partitions()];
        for (int p = 0; p < next.length; p++) {
            next[p] = channel.endOffset(p);
        }
        return PushCursor.at(next);
    }

    private static Append note(String key, String user) {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + key + "\",\"source\":\"/t\",\"type\":\"note\",\""
                + Destination.ToPush.USER_EXTENSION + "\":\"" + user + "\"}";
        return new Append(key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), 0);
    }

    /** Records ids; says the subscriber is gone after {@code capacity} notifications. */
    private static final class RecordingOutlet implements Outlet {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> keys = new CopyOnWriteArrayList<>();
        final AtomicInteger heartbeats = new AtomicInteger();
        final AtomicInteger ends = new AtomicInteger();
        private final int capacity;
        volatile boolean gone;

        RecordingOutlet(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean send(String id, byte[] event) {
            if (sent.size() == capacity) {
                return false;
            }
            String json = new String(event, StandardCharsets.UTF_8);
            keys.add(json.substring(json.indexOf("\"id\":\"") + 6, json.indexOf("\",\"source\"")));
            sent.add(id);
            return true;
        }

        @Override
        public boolean heartbeat() {
            heartbeats.incrementAndGet();
            return !gone;
        }

        @Override
        public void end() {
            ends.incrementAndGet();
        }
    }
}
