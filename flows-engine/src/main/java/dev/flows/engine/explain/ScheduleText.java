package dev.flows.engine.explain;

import dev.flows.api.flow.Schedule;
import dev.flows.engine.format.JsonValues;
import java.nio.charset.StandardCharsets;

/**
 * The {@code schedule} line of a scheduled flow's description: when it fires, what it does about fires missed
 * while Flows was down, and the data of its events. Stateless.
 */
final class ScheduleText {

    private ScheduleText() {}

    static String of(Schedule schedule) {
        String when = switch (schedule) {
            case Schedule.Cron cron ->
                "cron \"" + cron.expression() + "\" in " + cron.zone().getId();
            case Schedule.Every every -> "every " + DurationFormat.of(every.interval()) + " (aligned to the epoch)";
        };
        String data = schedule.data().isEmpty()
                ? ""
                : ", data " + new String(JsonValues.encode(schedule.data()), StandardCharsets.UTF_8);
        return when + ", missed fires: " + schedule.missed().yamlName() + data;
    }
}
