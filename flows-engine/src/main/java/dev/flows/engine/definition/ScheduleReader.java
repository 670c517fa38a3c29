package dev.flows.engine.definition;

import dev.flows.api.flow.Expression;
import dev.flows.api.flow.MissedFires;
import dev.flows.api.flow.Schedule;
import dev.flows.api.flow.SourceLocation;
import dev.flows.engine.expression.NameSuggestion;
import dev.flows.engine.schedule.CronTimetable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a flow's {@code from} written as a schedule:
 *
 * <pre>
 * from:
 *   cron: "0 2 * * *"        # Unix cron, 5 fields; or every: 10s (exactly one of them)
 *   time-zone: Europe/Paris  # optional, cron only; default UTC
 *   missed: fire-once        # or skip (the default): what to do about fires missed while Flows was down
 *   data: { report: daily }  # optional: the data of each fired event
 * </pre>
 *
 * A schedule with any problem is reported (a bad cron expression with cron-utils' message, at the expression)
 * and not built. Not thread-safe.
 */
final class ScheduleReader {

    static final String EXAMPLE = "from: { every: 10s } or from: { cron: \"*/5 * * * *\" }";

    private static final String CRON_FORMS = "write 5 fields (minute hour day-of-month month day-of-week), e.g."
            + " \"0 2 * * *\" (daily at 02:00) or \"*/5 * * * *\" (every 5 minutes)";

    private final YamlFile file;
    private final Scalars scalars;

    ScheduleReader(YamlFile file) {
        this.file = file;
        this.scalars = new Scalars(file);
    }

    Optional<Schedule> read(MappingNode node) {
        MapFields fields = MapFields.read(file, node, MapShape.SCHEDULE);
        Optional<String> kind = fields.onlyOneOf(
                List.of("cron", "every"), EXAMPLE, "a schedule is a cron expression or an interval; keep one");
        int problems = file.problems().size();
        MissedFires missed = fields.value("missed").flatMap(this::missed).orElse(MissedFires.SKIP);
        Map<String, Object> data = fields.value("data")
                .flatMap(value -> new YamlValues(file)
                        .map(
                                value,
                                "a schedule's 'data' must be a map, the data of each fired event",
                                "data: { report: daily }"))
                .orElse(Map.of());
        Optional<Node> zoneNode = fields.value("time-zone");
        SourceLocation where = file.at(node);
        Optional<Schedule> schedule = kind.flatMap(key -> switch (key) {
            case "cron" ->
                cron(fields.value("cron").orElseThrow(), zoneNode)
                        .map(cron -> new Schedule.Cron(cron.expression(), cron.zone(), missed, data, where));
            default ->
                every(fields.value("every").orElseThrow(), zoneNode)
                        .map(interval -> new Schedule.Every(interval, missed, data, where));
        });
        return file.problems().size() == problems ? schedule : Optional.empty();
    }

    private record CronAndZone(String expression, ZoneId zone) {}

    private Optional<CronAndZone> cron(Node value, Optional<Node> zoneNode) {
        Optional<Expression> expression =
                file.expression(value, "'cron' must be a cron expression", "cron: \"0 2 * * *\"");
        expression.ifPresent(cron -> CronTimetable.problem(cron.text())
                .ifPresent(problem -> file.problem(
                        cron.location(),
                        "cron expression '" + cron.text() + "' is not valid: " + problem + "; " + CRON_FORMS)));
        Optional<ZoneId> zone = zoneNode.isPresent() ? zoneNode.flatMap(this::zone) : Optional.of(ZoneOffset.UTC);
        return expression.flatMap(
                cron -> zone.map(id -> new CronAndZone(cron.text().strip(), id)));
    }

    private Optional<Duration> every(Node value, Optional<Node> zoneNode) {
        zoneNode.ifPresent(zone -> file.problem(
                zone,
                "'time-zone' applies to cron schedules only; an interval (every) fires at the same instants in"
                        + " every zone, so remove it"));
        Optional<Duration> interval = scalars.positiveDuration(value, "every");
        if (interval.isPresent() && interval.get().compareTo(Schedule.Every.SHORTEST) < 0) {
            file.problem(
                    value,
                    "every '" + interval.get().toMillis() + "ms' is too short: each fire is a durable event;"
                            + " use 1s or longer");
            return Optional.empty();
        }
        return interval;
    }

    private Optional<ZoneId> zone(Node node) {
        Optional<String> text = file.text(node, "'time-zone' must be a time zone", "time-zone: Europe/Paris");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(text.get().strip()));
        } catch (DateTimeException e) {
            String suggestion = NameSuggestion.closest(text.get().strip(), ZoneId.getAvailableZoneIds())
                    .map(close -> "did you mean '" + close + "'? ")
                    .orElse("");
            file.problem(
                    node,
                    "unknown time zone '" + text.get() + "'; " + suggestion
                            + "use a region such as Europe/Paris or America/New_York, or UTC");
            return Optional.empty();
        }
    }

    private Optional<MissedFires> missed(Node node) {
        Optional<String> text = file.text(node, "'missed' must be fire-once or skip", "missed: fire-once");
        Optional<MissedFires> policy = text.flatMap(written -> java.util.Arrays.stream(MissedFires.values())
                .filter(value -> value.yamlName().equals(written.strip()))
                .findFirst());
        if (text.isPresent() && policy.isEmpty()) {
            file.problem(
                    node,
                    "'missed' must be fire-once (one event makes up for the fires missed while Flows was down) or"
                            + " skip (the default), found '" + text.get() + "'");
        }
        return policy;
    }
}
