package dev.flows.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.ColumnMerge;
import dev.flows.api.flow.DatabaseColumn;
import dev.flows.api.flow.DatabaseKind;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upsert sink against the MariaDB server on 127.0.0.1:3306 (database test, user root). */
class MariaDbSinkTest extends UpsertSinkContract {

    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }

    @Override
    String text() {
        return "varchar(100)";
    }

    @Override
    String time() {
        return "datetime(3)";
    }

    @Test
    void shouldUpsertWithOnDuplicateKeyAndAddOnTheExistingRow() {
        var writer = new RowWriter(
                new MariaDbDialect(),
                "f/customers",
                new Destination.ToDatabase(
                        DatabaseKind.MARIADB,
                        "jdbc:mariadb://127.0.0.1/test",
                        null,
                        null,
                        "customers",
                        List.of("id"),
                        List.of(
                                new DatabaseColumn("id", Expression.of("data.id"), ColumnMerge.REPLACE),
                                new DatabaseColumn("name", Expression.of("data.name"), ColumnMerge.REPLACE),
                                new DatabaseColumn("orders", Expression.of("1"), ColumnMerge.ADD),
                                new DatabaseColumn("first_seen", Expression.of("time"), ColumnMerge.KEEP)),
                        100,
                        Destination.ToDatabase.DEFAULT_RETRY,
                        "flows.dead-letter",
                        SourceLocation.JAVA));

        assertThat(writer.upsertSql())
                .isEqualTo("INSERT INTO `customers` (`id`, `name`, `orders`, `first_seen`) VALUES (?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE `name` = VALUES(`name`),"
                        + " `orders` = COALESCE(`orders`, 0) + VALUES(`orders`)");
    }
}
