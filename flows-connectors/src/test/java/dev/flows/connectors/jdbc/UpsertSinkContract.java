package dev.flows.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.ConfigurationException;
import dev.flows.api.flow.ColumnMerge;
import dev.flows.api.flow.DatabaseColumn;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.Upsert;
import dev.flows.api.sink.UpsertOutcome;
import dev.flows.api.system.SystemEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link dev.flows.api.sink.UpsertSink} promises, proved against a real database server on
 * localhost: upserts by key, the last of several rows for one key wins, a batch delivered again changes
 * nothing, a refused row is given up on alone, an unreachable database is retried then given up on (or
 * abandoned when asked to stop), and a table that does not match the destination refuses the start.
 */
abstract class UpsertSinkContract {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20));
    private static final SourceLocation WHERE = new SourceLocation("customers.yaml", 7, 5);

    final List<SystemEvent> published = new CopyOnWriteArrayList<>();
    final List<DatabaseSink> sinks = new ArrayList<>();
    String table;

    /** The database under test. */
    abstract TestDatabase database();

    /** Its type for a short text column. */
    abstract String text();

    /** Its type for a time column. */
    abstract String time();

    @BeforeEach
    void createTable() throws Exception {
        table = TestDatabase.uniqueTable("flows_test_customers");
        database()
                .execute("CREATE TABLE " + table + " (id " + text() + " PRIMARY KEY, name " + text()
                        + " NOT NULL, orders bigint, applied bigint, first_seen " + time() + " NULL, tags " + text()
                        + ")");
    }

    @AfterEach
    void dropTable() throws Exception {
        sinks.forEach(DatabaseSink::close);
        database().dropAndForget(table);
    }

    @Test
    void shouldInsertNewKeysAndUpdateExistingOnes() throws Exception {
        DatabaseSink sink = sink(spec(100, QUICK));
        assertThat(sink.upsert(List.of(row("e1", "c1", "Ada"), row("e2", "c2", "Bob")), () -> false))
                .isEqualTo(done(2, new Delivery.Delivered(1)));
        assertThat(sink.upsert(List.of(row("e3", "c1", "Ada Lovelace")), () -> false))
                .isEqualTo(done(1, new Delivery.Delivered(1)));

        assertThat(rows()).containsExactly(List.of("c1", "Ada Lovelace", 2L, 2L), List.of("c2", "Bob", 1L, 1L));
    }

    @Test
    void shouldKeepTheLastOfSeveralRowsForOneKeyInABatch() throws Exception {
        DatabaseSink sink = sink(spec(100, QUICK));
        sink.upsert(
                List.of(row("e1", "c1", "first"), row("e2", "c1", "second"), row("e3", "c1", "third")), () -> false);

        assertThat(rows()).containsExactly(List.of("c1", "third", 3L, 3L));
    }

    @Test
    void shouldChangeNothingWhenABatchIsDeliveredAgain() throws Exception {
        DatabaseSink sink = sink(spec(100, QUICK));
        List<Upsert> batch = List.of(row("e1", "c1", "Ada"), row("e2", "c2", "Bob"), row("e3", "c1", "Ada L."));
        sink.upsert(batch, () -> false);
        List<List<Object>> once = rows();

        assertThat(sink.upsert(batch, () -> false)).isEqualTo(done(3, new Delivery.Delivered(1)));
        assertThat(sink.upsert(batch.subList(1, 3), () -> false)).isEqualTo(done(2, new Delivery.Delivered(1)));
        assertThat(rows())
                .isEqualTo(once)
                .containsExactly(List.of("c1", "Ada L.", 2L, 2L), List.of("c2", "Bob", 1L, 1L));
    }

    @Test
    void shouldApplyAnEventOncePerDestinationName() throws Exception {
        Destination.ToDatabase spec = spec(100, QUICK);
        sink(spec).upsert(List.of(row("e1", "c1", "Ada")), () -> false);
        sink("other-flow/" + table, spec).upsert(List.of(row("e1", "c1", "Ada")), () -> false);

        assertThat(rows()).containsExactly(List.of("c1", "Ada", 2L, 2L));
    }

    @Test
    void shouldForgetAppliedEventsOlderThanTheRetentionAtItsFirstWrite() throws Exception {
        Destination.ToDatabase spec = spec(100, QUICK);
        sink(spec).upsert(List.of(row("e1", "c1", "Ada"), row("e2", "c2", "Bob")), () -> false);
        sink("other/" + table, spec).upsert(List.of(row("e1", "c1", "Ada")), () -> false);
        // e1 applied eight days ago, for both destinations; e2 yesterday.
        database()
                .execute(
                        "UPDATE flows_applied SET applied_at = applied_at - INTERVAL '8' DAY WHERE destination LIKE '%"
                                + table + "' AND event_id = 'e1'",
                        "UPDATE flows_applied SET applied_at = applied_at - INTERVAL '1' DAY WHERE destination = 'contract/"
                                + table + "' AND event_id = 'e2'");

        // A new sink (a restart) forgets at its first write: e1 of this destination only.
        sink(spec).upsert(List.of(row("e3", "c3", "Cy")), () -> false);

        assertThat(appliedIds("contract/" + table)).containsExactly("e2", "e3");
        assertThat(appliedIds("other/" + table)).containsExactly("e1");
    }

    @Test
    void shouldTellEventsOfTwoSourcesWithOneIdApart() throws Exception {
        DatabaseSink sink = sink(spec(100, QUICK));
        sink.upsert(List.of(row("/shop", "e1", "c1", "Ada"), row("/crm", "e1", "c1", "Ada")), () -> false);

        assertThat(rows()).containsExactly(List.of("c1", "Ada", 2L, 2L));
    }

    @Test
    void shouldGiveUpOnlyOnTheRowTheDatabaseRefuses() throws Exception {
        DatabaseSink sink = sink(spec(100, QUICK));
        UpsertOutcome outcome =
                sink.upsert(List.of(row("e1", "c1", "Ada"), row("e2", "c2", null), row("e3", "c3", "Cy")), () -> false);

        assertThat(outcome).isInstanceOfSatisfying(UpsertOutcome.Done.class, done -> {
            assertThat(done.deliveries().get(0)).isInstanceOf(Delivery.Delivered.class);
            assertThat(done.deliveries().get(2)).isInstanceOf(Delivery.Delivered.class);
            assertThat(done.deliveries().get(1))
                    .isInstanceOfSatisfying(
                            Delivery.GaveUp.class,
                            gaveUp -> assertThat(gaveUp.reason())
                                    .contains(database().kind().yamlName() + " "
                                            + database().url() + " table " + table)
                                    .contains("refused the row of event e2")
                                    .contains("name")
                                    .contains("SQLState 23")
                                    .contains("correct the column's expression or the table"));
        });
        assertThat(rows()).containsExactly(List.of("c1", "Ada", 1L, 1L), List.of("c3", "Cy", 1L, 1L));
        assertThat(published).isEmpty();
    }

    @Test
    void shouldKeepAColumnMarkedKeepAndWriteTimesInUtc() throws Exception {
        DatabaseSink sink = sink(spec(100, QUICK));
        sink.upsert(List.of(timed("e1", "2026-03-01T10:00:00Z"), timed("e2", "2026-03-02T11:30:00Z")), () -> false);

        List<Map<String, Object>> stored =
                database().query("SELECT first_seen, tags FROM " + table + " WHERE id = 'c1'");
        assertThat(stored.getFirst().get("first_seen").toString())
                .startsWith("2026-03-01")
                .contains("10:00");
        assertThat(stored.getFirst().get("tags")).isEqualTo("[\"vip\"]");
    }

    @Test
    void shouldRetryThenGiveUpWhenTheDatabaseDoesNotAnswer() throws Exception {
        DatabaseSink sink = sink(unreachable(QUICK));
        UpsertOutcome outcome = sink.upsert(List.of(row("e1", "c1", "Ada"), row("e2", "c2", "Bob")), () -> false);

        assertThat(outcome).isInstanceOfSatisfying(UpsertOutcome.Done.class, done -> {
            assertThat(done.deliveries())
                    .hasSize(2)
                    .allSatisfy(delivery -> assertThat(delivery)
                            .isInstanceOfSatisfying(Delivery.GaveUp.class, gaveUp -> {
                                assertThat(gaveUp.attempts()).isEqualTo(3);
                                assertThat(gaveUp.reason())
                                        .contains("failed 3 attempts to write 2 rows")
                                        .contains("check that the database is running");
                            }));
        });
        assertThat(published)
                .singleElement()
                .satisfies(event -> assertThat(event.type()).isEqualTo("flows.connector.down"));
    }

    @Test
    void shouldAbandonItsRetriesWhenAskedToStop() throws Exception {
        DatabaseSink sink = sink(unreachable(new RetryPolicy(100, Duration.ofSeconds(5), Duration.ofSeconds(5))));
        AtomicBoolean stopping = new AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopping.set(true);
        });
        long start = System.nanoTime();

        assertThat(sink.upsert(List.of(row("e1", "c1", "Ada")), stopping::get)).isEqualTo(new UpsertOutcome.Stopped());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldRefuseToStartWhenTheTableDoesNotExist() {
        Destination.ToDatabase spec = spec("flows_test_missing_table", List.of("id"), columns(), 100);

        assertThatThrownBy(() -> sink(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("customers.yaml:7:5: table flows_test_missing_table does not exist in "
                        + database().kind().displayName() + " at " + database().url())
                .hasMessageContaining("Flows does not create tables")
                .hasMessageContaining("id, name, orders, applied, first_seen, tags");
    }

    @Test
    void shouldRefuseToStartWhenAColumnDoesNotExist() {
        List<DatabaseColumn> columns = new ArrayList<>(columns());
        columns.add(column("loyalty", ColumnMerge.REPLACE));
        Destination.ToDatabase spec = spec(table, List.of("id"), columns, 100);

        assertThatThrownBy(() -> sink(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("has no column loyalty")
                .hasMessageContaining("add it to the table or correct the destination's columns");
    }

    @Test
    void shouldRefuseToStartWithoutAUniqueKeyOnTheKeyColumns() {
        Destination.ToDatabase spec = spec(table, List.of("name"), columns(), 100);

        assertThatThrownBy(() -> sink(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("has no primary key or unique index on (name)")
                .hasMessageContaining("ALTER TABLE " + table + " ADD PRIMARY KEY (name)");
    }

    private DatabaseSink sink(Destination.ToDatabase spec) {
        return sink("contract/" + table, spec);
    }

    private DatabaseSink sink(String name, Destination.ToDatabase spec) {
        DatabaseSink sink = new DatabaseSink(name, spec, published::add);
        sinks.add(sink);
        return sink;
    }

    private Destination.ToDatabase spec(int batch, RetryPolicy retry) {
        return new Destination.ToDatabase(
                database().kind(),
                database().url(),
                database().user(),
                null,
                table,
                List.of("id"),
                columns(),
                batch,
                retry,
                "flows.dead-letter",
                WHERE);
    }

    private Destination.ToDatabase spec(String table, List<String> key, List<DatabaseColumn> columns, int batch) {
        return new Destination.ToDatabase(
                database().kind(),
                database().url(),
                database().user(),
                null,
                table,
                key,
                columns,
                batch,
                QUICK,
                "flows.dead-letter",
                WHERE);
    }

    private Destination.ToDatabase unreachable(RetryPolicy retry) throws IOException {
        String url = database().url().replaceFirst(":\\d+/", ":" + closedPort() + "/");
        return new Destination.ToDatabase(
                database().kind(),
                url,
                database().user(),
                null,
                table,
                List.of("id"),
                columns(),
                100,
                retry,
                "flows.dead-letter",
                WHERE);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<DatabaseColumn> columns() {
        return List.of(
                column("id", ColumnMerge.REPLACE),
                column("name", ColumnMerge.REPLACE),
                column("orders", ColumnMerge.ADD),
                column("applied", ColumnMerge.ADD),
                column("first_seen", ColumnMerge.KEEP),
                column("tags", ColumnMerge.REPLACE));
    }

    private static DatabaseColumn column(String name, ColumnMerge merge) {
        return new DatabaseColumn(name, Expression.of("data." + name), merge);
    }

    private static Upsert row(String id, String customer, String name) {
        return row("/test", id, customer, name);
    }

    private static Upsert row(String source, String id, String customer, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", customer);
        row.put("name", name);
        row.put("orders", 1L);
        row.put("applied", 1L);
        row.put("first_seen", null);
        row.put("tags", null);
        return new Upsert(source, id, row);
    }

    private static Upsert timed(String id, String time) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", "c1");
        row.put("name", "Ada");
        row.put("orders", 1L);
        row.put("applied", 1L);
        row.put("first_seen", time);
        row.put("tags", "[\"vip\"]");
        return new Upsert("/test", id, row);
    }

    private static UpsertOutcome done(int rows, Delivery each) {
        return new UpsertOutcome.Done(java.util.Collections.nCopies(rows, each));
    }

    /** id, name, orders, applied of every row, by id. */
    private List<String> appliedIds(String destination) throws Exception {
        return database()
                .query("SELECT event_id FROM flows_applied WHERE destination = '" + destination + "' ORDER BY event_id")
                .stream()
                .map(row -> (String) row.get("event_id"))
                .toList();
    }

    private List<List<Object>> rows() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> row :
                database().query("SELECT id, name, orders, applied FROM " + table + " ORDER BY id")) {
            rows.add(List.of(
                    row.get("id"),
                    row.get("name"),
                    ((Number) row.get("orders")).longValue(),
                    ((Number) row.get("applied")).longValue()));
        }
        return rows;
    }
}
