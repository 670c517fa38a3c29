package dev.flows.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.state.StateUpdate;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code push} destination on the real embedded log: the audience written on each event, the user's key,
 * broadcasts, refusal of a missing user, and exactly once across a replay.
 */
class PushDestinationTest {

    private static final String USER = Destination.ToPush.USER_EXTENSION;

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

    @Test
    void shouldAddressEachNotificationToItsUserKeyedByThatUser() {
        start(Flow.named("notify")
                .from("in")
                .toPush("notifications", "data.user")
                .build());

        send(note("n1", "u1"), note("n2", "u2"), note("n3", "u1"));

        List<ChannelRecord> pushed = awaitPushed(3);
        assertThat(pushed).extracting(this::id).containsExactlyInAnyOrder("n1", "n2", "n3");
        for (ChannelRecord record : pushed) {
            Event event = format.decode(record.value());
            String user = (String) ((Map<?, ?>) event.data()).get("user");
            assertThat(event.extensions()).containsEntry(USER, user);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(user);
        }
        // keyed by user, so one user's notifications share a partition and keep their order
        assertThat(pushed.stream().filter(r -> id(r).equals("n1") || id(r).equals("n3")))
                .extracting(ChannelRecord::partition)
                .containsOnly(pushed.stream()
                        .filter(r -> id(r).equals("n1"))
                        .findFirst()
                        .orElseThrow()
                        .partition());
    }

    @Test
    void shouldBroadcastWithoutAnAudienceEvenWhenTheEventCarriedOne() {
        start(Flow.named("announce").from("in").toPush("notifications", null).build());
        Event addressed = withExtension(note("n1", "u1"), USER, "u9");

        send(addressed, note("n2", "u2"));

        assertThat(awaitPushed(2))
                .extracting(record -> format.decode(record.value()).extensions())
                .allSatisfy(extensions -> assertThat(extensions).doesNotContainKey(USER));
    }

    @Test
    void shouldDeadLetterANotificationWhoseUserIsMissingInsteadOfSendingItToEveryone() {
        start(Flow.named("notify")
                .from("in")
                .toPush("notifications", "data.user")
                .build());

        Map<String, Object> nullUser = new HashMap<>();
        nullUser.put("user", null);
        send(new Event("absent", "/t", "note", "1.0", "s", null, null, null, Map.of(), Map.of("text", "hi")));
        send(new Event("null", "/t", "note", "1.0", "s", null, null, null, Map.of(), nullUser));
        send(note("n2", "u2"));

        awaitPushed(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> all(ChannelDefinition.DEAD_LETTER).size() == 2);
        List<Event> dead = all(ChannelDefinition.DEAD_LETTER).stream()
                .map(record -> format.decode(record.value()))
                .toList();
        assertThat(dead).extracting(Event::id).containsExactly("absent", "null");
        assertThat((String) dead.get(0).extensions().get(DeadLetter.REASON)).contains("`data.user` failed");
        assertThat((String) dead.get(1).extensions().get(DeadLetter.REASON))
                .isEqualTo("<java>: the user of push channel 'notifications', `data.user`, gave null; it must give"
                        + " the subscriber's id as a string (a notification for nobody in particular is not sent to"
                        + " everyone). Guard it with has(...), or push without 'user' to broadcast");
        assertThat(all("notifications")).extracting(this::id).containsExactly("n2");
    }

    @Test
    void shouldPushEachNotificationOnceWhenTheFlowReplaysItsInput() {
        Flow flow = Flow.named("notify")
                .from("in")
                .toPush("notifications", "data.user")
                .build();
        start(flow);
        send(note("n1", "u1"), note("n2", "u2"));
        awaitPushed(2);

        stop();
        // As after a crash between the append and the offset commit: the input is read again from the start.
        MvStateStore rewind = MvStateStore.open(temp.resolve("state.mv"));
        rewind.apply(new StateUpdate(List.of(), List.of(new StateUpdate.OffsetCommit("notify", "in", 0, 0))));
        rewind.close();
        start(flow);
        send(note("n3", "u1"));

        awaitPushed(3);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> all("notifications").size() == 3);
        assertThat(all("notifications")).extracting(this::id).containsExactlyInAnyOrder("n1", "n2", "n3");
    }

    private void start(Flow flow) {
        FlowSet flows = new FlowSet(
                List.of(
                        new ChannelDefinition("in", 1, SourceLocation.JAVA),
                        new ChannelDefinition("notifications", 4, SourceLocation.JAVA),
                        new ChannelDefinition(ChannelDefinition.DEAD_LETTER, 1, SourceLocation.JAVA)),
                List.of(flow));
        log = EmbeddedLog.open(temp.resolve("channels"), LogConfig.defaults());
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
            appends.add(new Append(null, format.encode(event), 0));
        }
        log.find("in").orElseThrow().append(appends);
    }

    private List<ChannelRecord> awaitPushed(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> all("notifications").size() >= count);
        return all("notifications");
    }

    private List<ChannelRecord> all(String channel) {
        Channel c = log.find(channel).orElseThrow();
        List<ChannelRecord> records = new ArrayList<>();
        for (int p = 0; p < c.partitions(); p++) {
            records.addAll(c.read(p, 0, 10_000));
        }
        return records;
    }

    private String id(ChannelRecord record) {
        return format.decode(record.value()).id();
    }

    private static Event note(String id, String user) {
        return new Event(
                id, "/test", "app.note", Event.SPEC_VERSION, user, null, null, null, Map.of(), Map.of("user", user));
    }

    private static Event withExtension(Event event, String name, Object value) {
        Map<String, Object> extensions = new HashMap<>(event.extensions());
        extensions.put(name, value);
        return event.withExtensions(extensions);
    }
}
