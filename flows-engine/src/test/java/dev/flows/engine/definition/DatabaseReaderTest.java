package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.ColumnMerge;
import dev.flows.api.flow.DatabaseColumn;
import dev.flows.api.flow.DatabaseKind;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SourceLocation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code postgres:} and {@code mariadb:} destinations as flow files write them, and what is wrong with them. */
class DatabaseReaderTest {

    private static final FlowFileParser PARSER =
            new FlowFileParser(Map.of("PG_PASSWORD", "s3cret", "PG_HOST", "db.internal"));

    private static FlowFile parse(String destination) {
        return PARSER.parse("customers.yaml", """
                flow: customer-sync
                from: shop
                to:
                """ + destination.indent(2));
    }

    private static List<String> problems(String destination) {
        return parse(destination).problems().stream().map(Problem::toString).toList();
    }

    private static SourceLocation at(int line, int column) {
        return new SourceLocation("customers.yaml", line, column);
    }

    @Test
    void shouldReadEveryKey() {
        FlowFile file = parse("""
                - postgres:
                    url: jdbc:postgresql://${PG_HOST}:5432/shop
                    user: ${PG_USER:-flows}
                    password: ${PG_PASSWORD}
                    table: sales.customers
                    key: [customer_id]
                    columns:
                      customer_id: data.customer
                      name: data.name
                      orders: 1
                      first_seen: time
                    merge: { orders: add, first_seen: keep }
                    batch: 50
                    retry: { attempts: 4, backoff: 100ms, max-backoff: 2s }
                    dead-letter: customers.dlq
                """);

        assertThat(file.problems()).isEmpty();
        assertThat(file.flows().getFirst().to())
                .containsExactly(new Destination.ToDatabase(
                        DatabaseKind.POSTGRES,
                        "jdbc:postgresql://db.internal:5432/shop",
                        "flows",
                        "s3cret",
                        "sales.customers",
                        List.of("customer_id"),
                        List.of(
                                new DatabaseColumn(
                                        "customer_id",
                                        new Expression("data.customer", at(11, 22)),
                                        ColumnMerge.REPLACE),
                                new DatabaseColumn(
                                        "name", new Expression("data.name", at(12, 15)), ColumnMerge.REPLACE),
                                new DatabaseColumn("orders", new Expression("1", at(13, 17)), ColumnMerge.ADD),
                                new DatabaseColumn("first_seen", new Expression("time", at(14, 21)), ColumnMerge.KEEP)),
                        50,
                        new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2)),
                        "customers.dlq",
                        at(4, 5)));
    }

    @Test
    void shouldTakeDefaultsAndAKeyWrittenAlone() {
        FlowFile file = parse("""
                - mariadb:
                    url: jdbc:mariadb://127.0.0.1:3306/test
                    table: customers
                    key: id
                    columns: { id: data.id }
                """);

        assertThat(file.problems()).isEmpty();
        Destination.ToDatabase database =
                (Destination.ToDatabase) file.flows().getFirst().to().getFirst();
        assertThat(database.kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(database.key()).containsExactly("id");
        assertThat(database.user()).isNull();
        assertThat(database.password()).isNull();
        assertThat(database.batch()).isEqualTo(Destination.ToDatabase.DEFAULT_BATCH);
        assertThat(database.retry()).isEqualTo(Destination.ToDatabase.DEFAULT_RETRY);
        assertThat(database.deadLetter()).isEqualTo("flows.dead-letter");
    }

    @Test
    void shouldNeverShowThePasswordNorTheUrlsSecrets() {
        FlowFile file = parse("""
                - postgres:
                    url: jdbc:postgresql://app:pw@127.0.0.1:5432/test?password=pw
                    password: ${PG_PASSWORD}
                    table: customers
                    key: id
                    columns: { id: data.id }
                """);

        Destination.ToDatabase database =
                (Destination.ToDatabase) file.flows().getFirst().to().getFirst();
        assertThat(database.safeUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?...");
        assertThat(database.toString()).doesNotContain("s3cret").doesNotContain("pw");
    }

    @Test
    void shouldReportAWrongUrlAMissingTableAndAnUnknownKey() {
        assertThat(problems("""
                - postgres:
                    url: jdbc:mysql://127.0.0.1/test
                    key: id
                    columns: { id: data.id }
                    batchsize: 10
                """))
                .containsExactly(
                        "customers.yaml:8:7: unknown key 'batchsize' in a database destination; a database destination"
                                + " has the keys: url, user, password, table, key, columns, merge, batch, retry,"
                                + " dead-letter",
                        "customers.yaml:5:12: postgres url 'jdbc:mysql://127.0.0.1/test' does not start with"
                                + " jdbc:postgresql:; use e.g. jdbc:postgresql://127.0.0.1:5432/app",
                        "customers.yaml:5:7: a postgres destination needs a 'table', e.g. table: customers");
    }

    @Test
    void shouldRefuseAPasswordWrittenInTheFile() {
        assertThat(problems("""
                - postgres:
                    url: jdbc:postgresql://127.0.0.1/test
                    password: hunter2
                    table: customers
                    key: id
                    columns: { id: data.id }
                """))
                .containsExactly("customers.yaml:6:17: a database password is read from the environment, never"
                        + " written in a flow file; write e.g. password: ${DB_PASSWORD} and set DB_PASSWORD where"
                        + " Flows runs");
    }

    @Test
    void shouldReportNamesThatAreNotSqlIdentifiers() {
        assertThat(problems("""
                - mariadb:
                    url: jdbc:mariadb://127.0.0.1/test
                    table: "customers; DROP TABLE x"
                    key: id
                    columns: { id: data.id, "full name": data.name }
                """))
                .containsExactly(
                        "customers.yaml:6:14: table name 'customers; DROP TABLE x' is not valid; use letters, digits"
                                + " and '_', starting with a letter or '_', at most 63 characters, optionally after a"
                                + " schema and a dot, e.g. customers or sales.customers",
                        "customers.yaml:8:31: column name 'full name' is not valid; use letters, digits and '_',"
                                + " starting with a letter or '_', at most 63 characters");
    }

    @Test
    void shouldReportAKeyColumnWithoutAValueAndAMergeOnTheKey() {
        assertThat(problems("""
                - postgres:
                    url: jdbc:postgresql://127.0.0.1/test
                    table: customers
                    key: [tenant, id]
                    columns: { id: data.id, total: data.amount }
                    merge: { id: add, total: sum, missing: keep }
                """))
                .containsExactly(
                        "customers.yaml:9:32: merge 'sum' is unknown; use replace (the new value), keep (the value"
                                + " the row has) or add (the row's value plus the new one)",
                        "customers.yaml:8:16: 'merge' names column 'missing', which is not under columns; add it"
                                + " there",
                        "customers.yaml:7:13: key column 'tenant' is not under columns; give it a value there, e.g."
                                + " tenant: data.tenant",
                        "customers.yaml:7:21: key column 'id' has merge add, but a row's key never changes; leave it"
                                + " out of merge");
    }

    @Test
    void shouldRefuseToWriteTheBookkeepingTable() {
        assertThat(problems("""
                - postgres:
                    url: jdbc:postgresql://127.0.0.1/test
                    table: flows_applied
                    key: id
                    columns: { id: data.id }
                """))
                .containsExactly("customers.yaml:6:14: table 'flows_applied' is where Flows records the events it"
                        + " applied; write another table");
    }
}
