/**
 * Schedules as flow sources: the {@link dev.flows.engine.schedule.Scheduler} fires each scheduled flow's events
 * into its own channel ({@code flows.schedule.<flow>}) at the times its timetable (cron or fixed interval) names,
 * idempotently, and after a restart applies the flow's missed-fires policy, never firing a burst.
 */
package dev.flows.engine.schedule;
