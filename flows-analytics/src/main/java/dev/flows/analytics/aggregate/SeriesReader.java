package dev.flows.analytics.aggregate;

import dev.flows.api.state.StateStore;
import dev.flows.api.state.TableRow;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a continuous aggregate's rows as time series: the points whose window starts in {@code [from, to)}, one
 * series per combination of the window's {@code by} values, each ordered by window start, what a chart draws. Reads
 * at most {@link SeriesRequest#maxRows} rows of the table: from the range's start when the table is keyed by time
 * ({@link ContinuousAggregate#keyedByTime}), from its first row otherwise. A row without a readable
 * {@code window_start} is skipped. Thread-safe.
 */
public final class SeriesReader {

    private static final int PAGE = 1_000;

    private final StateStore state;
    private final JsonMapper json;

    public SeriesReader(StateStore state, JsonMapper json) {
        this.state = state;
        this.json = json;
    }

    /**
     * A series of points.
     *
     * @param key    the by-field values of the series
     * @param points {@code window_start}, {@code window_end} and the row's other fields, by window start
     */
    public record KeySeries(Map<String, JsonNode> key, List<ObjectNode> points) {}

    /**
     * The answer.
     *
     * @param truncated whether rows were left unread because of {@link SeriesRequest#maxRows}; ask for a narrower
     *                  range then
     * @param rowsRead  how many rows of the table were read
     */
    public record Series(
            String name, Instant from, Instant to, List<KeySeries> series, boolean truncated, long rowsRead) {}

    /** Reads the points of the request. */
    public Series read(ContinuousAggregate aggregate, SeriesRequest request) {
        Map<String, KeySeries> series = new TreeMap<>();
        String after = aggregate.keyedByTime() && request.from() != null ? lowerBound(request.from()) : "";
        long read = 0;
        boolean done = false;
        while (!done && read < request.maxRows()) {
            int page = (int) Math.min(PAGE, request.maxRows() - read);
            List<TableRow> rows = state.scan(aggregate.table(), after, page);
            for (TableRow row : rows) {
                read++;
                after = row.key();
                ObjectNode value = object(row);
                Instant start = value == null ? null : instant(value.get("window_start"));
                if (start == null || request.from() != null && start.isBefore(request.from())) {
                    continue;
                }
                if (request.to() != null && !start.isBefore(request.to())) {
                    if (aggregate.keyedByTime()) {
                        done = true; // keys are in time order: every later row is later still
                        break;
                    }
                    continue;
                }
                add(series, aggregate, request, value);
            }
            done |= rows.size() < page;
        }
        boolean truncated = !done && !state.scan(aggregate.table(), after, 1).isEmpty();
        List<KeySeries> ordered = new ArrayList<>(series.values());
        ordered.forEach(s -> s.points().sort(Comparator.comparing(p -> instant(p.get("window_start")))));
        return new Series(aggregate.table(), request.from(), request.to(), ordered, truncated, read);
    }

    private void add(
            Map<String, KeySeries> series, ContinuousAggregate aggregate, SeriesRequest request, ObjectNode row) {
        Map<String, JsonNode> key = new LinkedHashMap<>();
        for (String field : aggregate.by()) {
            key.put(field, row.get(field));
        }
        for (Map.Entry<String, String> wanted : request.key().entrySet()) {
            JsonNode have = key.get(wanted.getKey());
            if (have == null || !(have.isString() ? have.asString() : have.toString()).equals(wanted.getValue())) {
                return;
            }
        }
        ObjectNode point = json.createObjectNode();
        point.set("window_start", row.get("window_start"));
        point.set("window_end", row.get("window_end"));
        row.properties().forEach(field -> {
            if (!key.containsKey(field.getKey()) && !point.has(field.getKey())) {
                point.set(field.getKey(), field.getValue());
            }
        });
        series.computeIfAbsent(json.valueToTree(key).toString(), k -> new KeySeries(key, new ArrayList<>()))
                .points()
                .add(point);
    }

    private ObjectNode object(TableRow row) {
        try {
            JsonNode node = json.readTree(row.value());
            return node instanceof ObjectNode object ? object : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant instant(JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        try {
            return Instant.parse(node.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A key just before every key that starts with a window start at or after {@code from}: its second, without
     * the {@code Z} (a start of {@code 00:00:30.5Z} sorts before {@code 00:00:30Z}, so both are after
     * {@code 00:00:30}).
     */
    private static String lowerBound(Instant from) {
        String second = from.truncatedTo(ChronoUnit.SECONDS).toString();
        return second.substring(0, second.length() - 1);
    }
}
