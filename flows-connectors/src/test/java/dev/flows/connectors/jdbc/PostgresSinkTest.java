package dev.flows.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.ColumnMerge;
import dev.flows.api.flow.DatabaseColumn;
import dev.flows.api.flow.DatabaseKind;
import dev.flows.api.flow.Expression;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upsert sink against the PostgreSQL server on 127.0.0.1:5432 (database test, user postgres). */
class PostgresSinkTest extends UpsertSinkContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }

    @Override
    String text() {
        return "text";
    }

    @Override
    String time() {
        return "timestamptz";
    }

    @Test
    void shouldUpsertWithOnConflictAndAddOnTheExistingRow() {
        var writer = new RowWriter(
                new PostgresDialect(),
                "f/customers",
                new dev.flows.api.flow.Destination.ToDatabase(
                        DatabaseKind.POSTGRES,
                        "jdbc:postgresql://127.0.0.1/test",
                        null,
                        null,
                        "sales.customers",
                        List.of("id"),
                        List.of(
                                new DatabaseColumn("id", Expression.of("data.id"), ColumnMerge.REPLACE),
                                new DatabaseColumn("name", Expression.of("data.name"), ColumnMerge.REPLACE),
                                new DatabaseColumn("orders", Expression.of("1"), ColumnMerge.ADD),
                                new DatabaseColumn("first_seen", Expression.of("time"), ColumnMerge.KEEP)),
                        100,
                        dev.flows.api.flow.Destination.ToDatabase.DEFAULT_RETRY,
                        "flows.dead-letter",
                        dev.flows.api.flow.SourceLocation.JAVA));

        assertThat(writer.upsertSql())
                .isEqualTo("INSERT INTO \"sales\".\"customers\" AS t (\"id\", \"name\", \"orders\", \"first_seen\")"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\","
                        + " \"orders\" = COALESCE(t.\"orders\", 0) + EXCLUDED.\"orders\"");
    }
}
