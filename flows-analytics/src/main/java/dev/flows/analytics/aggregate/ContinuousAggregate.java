package dev.flows.analytics.aggregate;

import dev.flows.api.flow.Aggregate;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Step;
import dev.flows.api.flow.WindowShape;
import java.util.List;

/**
 * A state table that holds a window's results, one row per window and key: a time series. ksqlDB calls it a
 * windowed table, Flink SQL a continuous aggregate over a window TVF.
 *
 * @param table  the table's name, which names the series ({@code GET /analytics/{table}})
 * @param flow   the flow that writes it
 * @param window the window step whose results the rows are
 * @param to     the destination that writes them
 */
public record ContinuousAggregate(String table, String flow, Step.Window window, Destination.ToTable to) {

    /** The names of the window's {@code by} fields: a series per combination of their values. */
    public List<String> by() {
        return window.by().stream().map(FieldAssignment::path).toList();
    }

    /** The names of the aggregates each point carries. */
    public List<String> aggregates() {
        return window.aggregates().stream().map(Aggregate::name).toList();
    }

    /** The window as text: {@code tumbling 1m}, {@code hopping 5m every 1m}, {@code session gap 30m}. */
    public String shape() {
        return switch (window.shape()) {
            case WindowShape.Tumbling t -> "tumbling " + text(t.size());
            case WindowShape.Hopping h -> "hopping " + text(h.size()) + " every " + text(h.advance());
            case WindowShape.Session s -> "session gap " + text(s.gap());
        };
    }

    /**
     * Whether the table's keys begin with the window's start ({@code key: data.window_start + ...}), so that key
     * order is time order and a range is read from its start rather than from the table's first row.
     */
    public boolean keyedByTime() {
        return to.key().text().strip().startsWith("data.window_start");
    }

    private static String text(java.time.Duration duration) {
        if (duration.toMillis() % 3_600_000 == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + "m";
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }
}
