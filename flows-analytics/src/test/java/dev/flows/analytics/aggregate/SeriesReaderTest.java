package dev.flows.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.Aggregate;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.EventTime;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.api.flow.WindowShape;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.state.TableRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Continuous aggregates found from flows, and their rows read back as series. */
class SeriesReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void shouldFindTablesFedByAWindowAsTheLastStatefulStep() {
        AggregateCatalog catalog = AggregateCatalog.of(new FlowSet(
                List.of(),
                List.of(
                        flow("per-minute", List.of(window()), table("revenue-per-minute", "data.window_start")),
                        flow("plain", List.of(), table("customers", "subject")),
                        flow(
                                "windowed-then-deduped",
                                List.of(
                                        window(),
                                        new Step.Dedupe(
                                                Expression.of("id"),
                                                Duration.ofMinutes(1),
                                                OnError.DEAD_LETTER,
                                                SourceLocation.JAVA)),
                                table("deduped", "id")))));
        assertThat(catalog.all()).extracting(ContinuousAggregate::table).containsExactly("revenue-per-minute");
        ContinuousAggregate aggregate = catalog.find("revenue-per-minute").orElseThrow();
        assertThat(aggregate.by()).containsExactly("item");
        assertThat(aggregate.aggregates()).containsExactly("count", "revenue");
        assertThat(aggregate.shape()).isEqualTo("tumbling 1m");
        assertThat(aggregate.keyedByTime()).isTrue();
    }

    @Test
    void shouldAnswerPointsInTheRangeBySeriesAndWindowStart() {
        for (String key : List.of("data.window_start + '/' + data.item", "data.item + '/' + data.window_start")) {
            MapStore store = new MapStore();
            for (int minute = 0; minute < 10; minute++) {
                for (String item : List.of("a", "b")) {
                    Instant start = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute);
                    store.put(
                            key.startsWith("data.window_start") ? start + "/" + item : item + "/" + start,
                            "{\"item\":\"" + item + "\",\"window_start\":\"" + start + "\",\"window_end\":\""
                                    + start.plusSeconds(60) + "\",\"count\":" + minute + ",\"revenue\":" + minute * 2.0
                                    + "}");
                }
            }
            ContinuousAggregate aggregate = AggregateCatalog.of(
                            new FlowSet(List.of(), List.of(flow("f", List.of(window()), table("t", key)))))
                    .find("t")
                    .orElseThrow();
            SeriesReader reader = new SeriesReader(store, JSON);
            SeriesReader.Series series = reader.read(
                    aggregate,
                    new SeriesRequest(
                            Instant.parse("2026-01-01T00:02:00Z"),
                            Instant.parse("2026-01-01T00:05:00Z"),
                            Map.of(),
                            1000));
            assertThat(series.series()).hasSize(2);
            assertThat(JSON.writeValueAsString(series.series().getFirst()))
                    .isEqualTo(
                            "{\"key\":{\"item\":\"a\"},\"points\":["
                                    + "{\"window_start\":\"2026-01-01T00:02:00Z\",\"window_end\":\"2026-01-01T00:03:00Z\",\"count\":2,\"revenue\":4.0},"
                                    + "{\"window_start\":\"2026-01-01T00:03:00Z\",\"window_end\":\"2026-01-01T00:04:00Z\",\"count\":3,\"revenue\":6.0},"
                                    + "{\"window_start\":\"2026-01-01T00:04:00Z\",\"window_end\":\"2026-01-01T00:05:00Z\",\"count\":4,\"revenue\":8.0}]}");
            assertThat(series.truncated()).isFalse();
            if (aggregate.keyedByTime()) {
                assertThat(series.rowsRead())
                        .as("read from the range's start to its end only")
                        .isEqualTo(7);
            }

            SeriesReader.Series onlyB =
                    reader.read(aggregate, new SeriesRequest(null, null, Map.of("item", "b"), 1000));
            assertThat(onlyB.series()).hasSize(1);
            assertThat(onlyB.series().getFirst().points()).hasSize(10);

            SeriesReader.Series bounded = reader.read(aggregate, new SeriesRequest(null, null, Map.of(), 5));
            assertThat(bounded.truncated()).isTrue();
            assertThat(bounded.rowsRead()).isEqualTo(5);
        }
    }

    private static Step.Window window() {
        return new Step.Window(
                new WindowShape.Tumbling(Duration.ofMinutes(1)),
                List.of(new FieldAssignment("item", Expression.of("data.item"))),
                List.of(
                        new Aggregate("count", Aggregate.Function.COUNT, null),
                        new Aggregate("revenue", Aggregate.Function.SUM, Expression.of("data.amount"))),
                Step.EmitMode.FINAL,
                Duration.ZERO,
                null,
                "shop.minute",
                OnError.DEAD_LETTER,
                SourceLocation.JAVA);
    }

    private static Destination.ToTable table(String name, String key) {
        return new Destination.ToTable(name, Expression.of(key), List.of(), SourceLocation.JAVA);
    }

    private static Flow flow(String name, List<Step> steps, Destination to) {
        return new Flow(name, "orders", steps, List.of(to), EventTime.DEFAULT, SourceLocation.JAVA);
    }

    /** A state store of one table in a sorted map: enough for reading rows. */
    private static final class MapStore implements StateStore {
        private final TreeMap<String, byte[]> rows = new TreeMap<>();

        void put(String key, String json) {
            rows.put(key, json.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<byte[]> get(String table, String key) {
            return Optional.ofNullable(rows.get(key));
        }

        @Override
        public List<TableRow> scan(String table, String afterKey, int limit) {
            return rows.tailMap(afterKey, false).entrySet().stream()
                    .limit(limit)
                    .map(e -> new TableRow(e.getKey(), e.getValue()))
                    .toList();
        }

        @Override
        public Set<String> tables() {
            return Set.of("t");
        }

        @Override
        public long size(String table) {
            return rows.size();
        }

        @Override
        public OptionalLong committedOffset(String consumer, String channel, int partition) {
            return OptionalLong.empty();
        }

        @Override
        public void apply(StateUpdate update) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public void close() {}
    }
}
