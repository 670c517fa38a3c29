package dev.flows.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.event.Event;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.MissedFires;
import dev.flows.api.flow.Schedule;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on the real embedded log, on instants the tests choose: {@link Scheduler#fireDue} is called
 * directly and the thread never runs, so nothing depends on timing. A restart is a new scheduler over the same
 * log directory, reopened.
 */
class SchedulerTest {

    private static final Instant T0 = Instant.parse("2026-03-10T10:00:03Z");

    @TempDir
    Path temp;

    private final JsonEventFormat format = new JsonEventFormat();
    private EmbeddedLog log;
    private Scheduler scheduler;

    @AfterEach
    void close() {
        stop();
    }

    @Test
    void shouldFireAnIntervalAtItsMultiplesOnceEach() {
        Flow flow = every("beat", Duration.ofSeconds(10), MissedFires.SKIP);
        start(flow);

        assertThat(scheduler.fireDue(T0)).isEqualTo(at("10:00:10"));
        assertThat(scheduler.fireDue(at("10:00:09.999"))).isEqualTo(at("10:00:10"));
        assertThat(scheduler.fireDue(at("10:00:10.050"))).isEqualTo(at("10:00:20"));
        scheduler.fireDue(at("10:00:10.300"));
        scheduler.fireDue(at("10:00:20"));

        List<Event> fired = fired(flow);
        assertThat(fired).extracting(Event::time).containsExactly(at("10:00:10"), at("10:00:20"));
        Event first = fired.getFirst();
        assertThat(first.id()).isEqualTo("beat@2026-03-10T10:00:10Z");
        assertThat(first.type()).isEqualTo("flows.schedule.fired");
        assertThat(first.source()).isEqualTo("/flows/schedule/beat");
        assertThat(first.subject()).isEqualTo("beat");
        assertThat(first.data()).isEqualTo(Map.of("scheduled", "2026-03-10T10:00:10Z"));
    }

    @Test
    void shouldFireCronInItsTimeZoneWithItsData() {
        Flow flow = Flow.named("nightly")
                .schedule(new Schedule.Cron(
                        "0 2 * * *",
                        ZoneId.of("Europe/Paris"),
                        MissedFires.SKIP,
                        Map.of("report", "daily"),
                        SourceLocation.JAVA))
                .toChannel("out")
                .build();
        start(flow);

        Instant twoInParis = Instant.parse("2026-03-11T01:00:00Z"); // 02:00 CET
        assertThat(scheduler.fireDue(Instant.parse("2026-03-10T23:00:00Z"))).isEqualTo(twoInParis);
        scheduler.fireDue(twoInParis.plusMillis(5));

        assertThat(fired(flow)).singleElement().satisfies(event -> {
            assertThat(event.time()).isEqualTo(twoInParis);
            assertThat(event.data()).isEqualTo(Map.of("report", "daily", "scheduled", "2026-03-11T01:00:00Z"));
        });
        assertThat(scheduler.fireDue(twoInParis.plusSeconds(60))).isEqualTo(Instant.parse("2026-03-12T01:00:00Z"));
    }

    @Test
    void shouldFollowDaylightSavingTimeInTheZone() {
        CronTimetable paris = CronTimetable.of("0 2 * * *", ZoneId.of("Europe/Paris"));

        // 29 March 2026: clocks go from 02:00 to 03:00 in Paris, so no 02:00 that day; the next is 30 March, CEST.
        assertThat(paris.next(Instant.parse("2026-03-28T02:00:00Z"))).isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
        assertThat(paris.latest(Instant.parse("2026-03-30T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
        assertThat(paris.latest(Instant.parse("2026-03-29T23:59:59Z")))
                .isEqualTo(Instant.parse("2026-03-28T01:00:00Z"));
    }

    @Test
    void shouldNotCatchUpOnTheFirstStartOfAll() {
        Flow flow = every("beat", Duration.ofSeconds(10), MissedFires.FIRE_ONCE);
        start(flow);

        assertThat(scheduler.fireDue(at("10:00:10"))).isEqualTo(at("10:00:20"));

        assertThat(fired(flow)).isEmpty();
    }

    @Test
    void shouldSkipFiresMissedWhileDownAndWaitForTheNext() {
        Flow flow = every("beat", Duration.ofSeconds(10), MissedFires.SKIP);
        start(flow);
        scheduler.fireDue(T0);
        scheduler.fireDue(at("10:00:10"));
        restart(flow);

        assertThat(scheduler.fireDue(at("10:05:03"))).isEqualTo(at("10:05:10"));
        assertThat(fired(flow)).extracting(Event::time).containsExactly(at("10:00:10"));

        scheduler.fireDue(at("10:05:10"));
        assertThat(fired(flow)).extracting(Event::time).containsExactly(at("10:00:10"), at("10:05:10"));
        assertThat(fired(flow).getLast().data()).isEqualTo(Map.of("scheduled", "2026-03-10T10:05:10Z"));
    }

    @Test
    void shouldFireOnceForEveryFireMissedWhileDownThenGoOnSchedule() {
        Flow flow = every("beat", Duration.ofSeconds(10), MissedFires.FIRE_ONCE);
        start(flow);
        scheduler.fireDue(T0);
        scheduler.fireDue(at("10:00:10"));
        restart(flow);

        assertThat(scheduler.fireDue(at("10:05:03"))).isEqualTo(at("10:05:10"));
        scheduler.fireDue(at("10:05:04"));

        List<Event> fired = fired(flow);
        assertThat(fired).extracting(Event::time).containsExactly(at("10:00:10"), at("10:05:00"));
        assertThat(fired.getLast().data()).isEqualTo(Map.of("scheduled", "2026-03-10T10:05:00Z", "missed", 29L));

        scheduler.fireDue(at("10:05:10"));
        assertThat(fired(flow).getLast().data()).isEqualTo(Map.of("scheduled", "2026-03-10T10:05:10Z"));
    }

    @Test
    void shouldFireNothingAtRestartWhenNoFireWasMissed() {
        Flow flow = every("beat", Duration.ofSeconds(10), MissedFires.FIRE_ONCE);
        start(flow);
        scheduler.fireDue(T0);
        scheduler.fireDue(at("10:00:10"));
        restart(flow);

        assertThat(scheduler.fireDue(at("10:00:15"))).isEqualTo(at("10:00:20"));

        assertThat(fired(flow)).hasSize(1);
    }

    @Test
    void shouldNeverBurstAfterALongDowntime() {
        Flow once = every("once", Duration.ofSeconds(1), MissedFires.FIRE_ONCE);
        Flow skip = every("skip", Duration.ofSeconds(1), MissedFires.SKIP);
        Flow minutely = Flow.named("minutely")
                .schedule(new Schedule.Cron(
                        "* * * * *", ZoneOffset.UTC, MissedFires.FIRE_ONCE, Map.of(), SourceLocation.JAVA))
                .toChannel("out")
                .build();
        start(once, skip, minutely);
        scheduler.fireDue(T0);
        scheduler.fireDue(at("10:01:00"));
        restart(once, skip, minutely);

        Instant yearLater = at("10:01:00").plus(Duration.ofDays(365)).plusMillis(500);
        scheduler.fireDue(yearLater);
        scheduler.fireDue(yearLater.plusMillis(100));

        assertThat(fired(once)).hasSize(2);
        assertThat(data(fired(once).getLast())).containsEntry("missed", 365L * 24 * 3600);
        assertThat(fired(skip)).hasSize(1);
        assertThat(fired(minutely)).hasSize(2);
        assertThat(data(fired(minutely).getLast())).containsEntry("missed", CronTimetable.MAX_COUNT);
    }

    @Test
    void shouldCollapseFiresThatCameDueAtOnceWhileRunning() {
        Flow once = every("once", Duration.ofSeconds(10), MissedFires.FIRE_ONCE);
        Flow skip = every("skip", Duration.ofSeconds(10), MissedFires.SKIP);
        start(once, skip);
        scheduler.fireDue(T0);
        scheduler.fireDue(at("10:00:10"));

        scheduler.fireDue(at("10:00:45")); // 20, 30 and 40 are due: the process stalled

        assertThat(fired(once).getLast().data()).isEqualTo(Map.of("scheduled", "2026-03-10T10:00:40Z", "missed", 2L));
        assertThat(fired(skip).getLast().data()).isEqualTo(Map.of("scheduled", "2026-03-10T10:00:40Z"));
        assertThat(fired(once)).hasSize(2);
        assertThat(fired(skip)).hasSize(2);
    }

    @Test
    void shouldStoreAFireOnceWhenItIsRegenerated() {
        Flow flow = every("beat", Duration.ofSeconds(10), MissedFires.SKIP);
        start(flow);
        Scheduler stale = Scheduler.open(List.of(flow), log, format, Clock.systemUTC());
        scheduler.fireDue(T0);
        stale.fireDue(T0);

        scheduler.fireDue(at("10:00:10"));
        stale.fireDue(at("10:00:10")); // the same fire again, as after a crash between append and anything else

        assertThat(fired(flow)).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Event event) {
        return (Map<String, Object>) event.data();
    }

    private static Flow every(String name, Duration interval, MissedFires missed) {
        return Flow.named(name)
                .schedule(new Schedule.Every(interval, missed, Map.of(), SourceLocation.JAVA))
                .toChannel("out")
                .build();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-10T" + time + "Z");
    }

    private void start(Flow... flows) {
        log = EmbeddedLog.open(temp.resolve("channels"), LogConfig.defaults());
        FlowDirectory.builtInChannels(List.of(flows)).forEach(log::open);
        scheduler = Scheduler.open(List.of(flows), log, format, Clock.systemUTC());
    }

    private void restart(Flow... flows) {
        stop();
        start(flows);
    }

    private void stop() {
        if (scheduler != null) {
            scheduler.close();
            log.close();
            scheduler = null;
        }
    }

    private List<Event> fired(Flow flow) {
        Channel channel = log.find(flow.from()).orElseThrow();
        return channel.read(0, 0, 1_000).stream()
                .map(ChannelRecord::value)
                .map(format::decode)
                .toList();
    }
}
