package dev.flows.engine.schedule;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Schedule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvent one fire of a schedule appends: type {@value #TYPE}, source {@code /flows/schedule/<flow>},
 * time the scheduled fire time (not when it was appended), and an id made of the flow and that time, so the
 * same fire is the same event however often it is regenerated. Its data is the schedule's declared data plus
 * {@code scheduled} (the fire time, ISO-8601) and, when it makes up for fires that passed without an event,
 * {@code missed} (how many). Stateless.
 */
final class FireEvent {

    /** The type of every fired event. */
    static final String TYPE = "flows.schedule.fired";

    private FireEvent() {}

    static Event of(String flow, Schedule schedule, Instant at, long missed) {
        Map<String, Object> data = new LinkedHashMap<>(schedule.data());
        data.put("scheduled", at.toString());
        if (missed > 0) {
            data.put("missed", missed);
        }
        return new Event(
                flow + "@" + at,
                "/flows/schedule/" + flow,
                TYPE,
                Event.SPEC_VERSION,
                flow,
                at,
                "application/json",
                null,
                Map.of(),
                data);
    }
}
