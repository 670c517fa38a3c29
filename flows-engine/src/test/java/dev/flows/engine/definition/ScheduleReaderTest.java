package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.MissedFires;
import dev.flows.api.flow.Schedule;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.expression.CelCompiler;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A flow's {@code from} written as a schedule: what it reads into, and each problem with its position. */
class ScheduleReaderTest {

    private static final FlowFileParser PARSER = new FlowFileParser(Map.of());

    private static FlowFile parse(String yaml) {
        return PARSER.parse("nightly.yaml", yaml);
    }

    private static List<String> problems(String yaml) {
        return parse(yaml).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void shouldReadCronScheduleWithZoneMissedPolicyAndDataIntoTheFlowsOwnChannel() {
        FlowFile file = parse("""
                flow: nightly
                from:
                  cron: "0 2 * * *"
                  time-zone: Europe/Paris
                  missed: fire-once
                  data: { report: daily, limit: 10, ratio: 0.5, on: true, tags: [a, b], none: null, code: "7" }
                to: [ { channel: reports } ]
                """);

        assertThat(file.problems()).isEmpty();
        Flow flow = file.flows().getFirst();
        assertThat(flow.from()).isEqualTo("flows.schedule.nightly");
        assertThat(flow.scheduled()).isTrue();
        Schedule.Cron cron = (Schedule.Cron) flow.schedule();
        assertThat(cron.expression()).isEqualTo("0 2 * * *");
        assertThat(cron.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(cron.missed()).isEqualTo(MissedFires.FIRE_ONCE);
        assertThat(cron.location()).isEqualTo(new SourceLocation("nightly.yaml", 3, 3));
        assertThat(cron.data())
                .containsExactly(
                        Map.entry("report", "daily"),
                        Map.entry("limit", 10L),
                        Map.entry("ratio", 0.5),
                        Map.entry("on", true),
                        Map.entry("tags", List.of("a", "b")),
                        new java.util.AbstractMap.SimpleEntry<>("none", null),
                        Map.entry("code", "7"));
    }

    @Test
    void shouldReadIntervalWithDefaultsSkipAndNoData() {
        Flow flow = parse("""
                        flow: heartbeat
                        from: { every: 10s }
                        to: [ { channel: beats } ]
                        """).flows().getFirst();

        assertThat(flow.schedule())
                .isEqualTo(new Schedule.Every(
                        Duration.ofSeconds(10), MissedFires.SKIP, Map.of(), new SourceLocation("nightly.yaml", 2, 7)));
        assertThat(flow.from()).isEqualTo("flows.schedule.heartbeat");
    }

    @Test
    void shouldReadTheSameFlowAsTheJavaBuilderMakes() {
        Flow parsed = parse("flow: beat\nfrom: { every: 10s }\nto: [ { channel: beats } ]\n")
                .flows()
                .getFirst();

        assertThat(WithoutLocations.of(parsed))
                .isEqualTo(Flow.named("beat")
                        .every(Duration.ofSeconds(10))
                        .toChannel("beats")
                        .build());
    }

    @Test
    void shouldDefaultCronToUtc() {
        Flow flow = parse("flow: x\nfrom: { cron: \"*/5 * * * *\" }\nto: [ { channel: out } ]\n")
                .flows()
                .getFirst();

        assertThat(((Schedule.Cron) flow.schedule()).zone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void shouldReportBadCronExpressionWithCronUtilsMessageAtTheExpression() {
        List<String> problems = problems("""
                flow: nightly
                from:
                  cron: "0 25 * * *"
                to: [ { channel: reports } ]
                """);

        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("nightly.yaml:3:10: cron expression '0 25 * * *' is not valid: ")
                .contains("25")
                .endsWith("; write 5 fields (minute hour day-of-month month day-of-week), e.g. \"0 2 * * *\""
                        + " (daily at 02:00) or \"*/5 * * * *\" (every 5 minutes)");
    }

    @Test
    void shouldReportCronWithTheWrongNumberOfFields() {
        assertThat(problems("flow: x\nfrom: { cron: \"0 2 * * * *\" }\nto: [ { channel: out } ]\n"))
                .singleElement()
                .asString()
                .startsWith("nightly.yaml:2:16: cron expression '0 2 * * * *' is not valid: ");
    }

    @Test
    void shouldReportBothCronAndEvery() {
        assertThat(problems("flow: x\nfrom: { cron: \"0 2 * * *\", every: 10s }\nto: [ { channel: out } ]\n"))
                .containsExactly("nightly.yaml:2:7: a schedule has exactly one of cron, every, this one has cron and"
                        + " every; a schedule is a cron expression or an interval; keep one");
    }

    @Test
    void shouldReportNeitherCronNorEvery() {
        assertThat(problems("flow: x\nfrom: { missed: skip }\nto: [ { channel: out } ]\n"))
                .containsExactly("nightly.yaml:2:7: a schedule needs one of cron, every, found none of them; e.g."
                        + " from: { every: 10s } or from: { cron: \"*/5 * * * *\" }");
    }

    @Test
    void shouldReportBadDurationAndIntervalsShorterThanASecond() {
        assertThat(problems("flow: x\nfrom: { every: 10 minutes }\nto: [ { channel: out } ]\n"))
                .containsExactly(
                        "nightly.yaml:2:16: every '10 minutes' is not a duration; use 250ms, 5s, 2m, 1h or" + " PT5M");
        assertThat(problems("flow: x\nfrom: { every: 250ms }\nto: [ { channel: out } ]\n"))
                .containsExactly("nightly.yaml:2:16: every '250ms' is too short: each fire is a durable event; use"
                        + " 1s or longer");
    }

    @Test
    void shouldReportUnknownTimeZoneWithSuggestion() {
        assertThat(problems("""
                        flow: x
                        from:
                          cron: "0 2 * * *"
                          time-zone: Europe/Pariss
                        to: [ { channel: out } ]
                        """))
                .containsExactly("nightly.yaml:4:14: unknown time zone 'Europe/Pariss'; did you mean 'Europe/Paris'?"
                        + " use a region such as Europe/Paris or America/New_York, or UTC");
    }

    @Test
    void shouldReportTimeZoneOnAnInterval() {
        assertThat(problems("flow: x\nfrom: { every: 1m, time-zone: UTC }\nto: [ { channel: out } ]\n"))
                .containsExactly("nightly.yaml:2:31: 'time-zone' applies to cron schedules only; an interval (every)"
                        + " fires at the same instants in every zone, so remove it");
    }

    @Test
    void shouldReportUnknownKeysWithSuggestionAndBadMissedPolicy() {
        assertThat(problems("flow: x\nfrom: { every: 1m, mised: skip }\nto: [ { channel: out } ]\n"))
                .containsExactly("nightly.yaml:2:20: unknown key 'mised' in a schedule; did you mean 'missed'? A"
                        + " schedule has the keys: cron, every, time-zone, missed, data");
        assertThat(problems("flow: x\nfrom: { every: 1m, missed: later }\nto: [ { channel: out } ]\n"))
                .containsExactly("nightly.yaml:2:28: 'missed' must be fire-once (one event makes up for the fires"
                        + " missed while Flows was down) or skip (the default), found 'later'");
    }

    @Test
    void shouldReportDataThatIsNotAMap() {
        assertThat(problems("flow: x\nfrom: { every: 1m, data: [1, 2] }\nto: [ { channel: out } ]\n"))
                .containsExactly("nightly.yaml:2:26: a schedule's 'data' must be a map, the data of each fired event,"
                        + " found a list; write e.g. data: { report: daily }");
    }

    @Test
    void shouldDeclareScheduleAndSystemChannelsAndValidateCronOfJavaFlows() {
        Flow java = Flow.named("java")
                .cron("61 * * * *", ZoneOffset.UTC)
                .toChannel("out")
                .build();
        List<ChannelDefinition> channels =
                new java.util.ArrayList<>(List.of(new ChannelDefinition("out", 1, SourceLocation.JAVA)));
        channels.addAll(FlowDirectory.builtInChannels(List.of(java)));

        assertThat(channels)
                .extracting(ChannelDefinition::name)
                .containsExactly("out", "flows.schedule.java", "flows.system", "flows.dead-letter", "flows.deliveries");
        assertThat(new FlowValidator(new CelCompiler()).validate(new FlowSet(channels, List.of(java))))
                .singleElement()
                .asString()
                .startsWith("<java>: flow 'java': cron expression '61 * * * *' is not valid: ");
    }

    @Test
    void shouldLetAFlowReadTheSystemChannelWithoutDeclaringIt() {
        Flow watcher = Flow.named("watch")
                .from(ChannelDefinition.SYSTEM)
                .toChannel("out")
                .build();

        assertThat(new FlowValidator(new CelCompiler())
                        .validate(new FlowSet(
                                List.of(new ChannelDefinition("out", 1, SourceLocation.JAVA)), List.of(watcher))))
                .isEmpty();
    }
}
