package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scenario of the database tests: a flow keeps a customer table (name: the last event's, orders: a count,
 * amount: a total, both added on update) and an event table (one row per event, {@code applied} added on
 * update, so that an event applied twice shows as 2) in a real database, from orders posted over HTTP. It
 * remembers what it posted, so that it can say what the tables must hold: computed here, not by Flows.
 */
final class CustomerSync {

    /** What one customer's row must hold. */
    record Customer(String name, long orders, long amount, String lastEvent) {}

    private final LocalDatabase database;
    private final String customers = LocalDatabase.uniqueTable("flows_it_customers");
    private final String events = LocalDatabase.uniqueTable("flows_it_events");
    private final Map<String, Customer> expected = new TreeMap<>();
    private int sent;

    CustomerSync(LocalDatabase database) {
        this.database = database;
    }

    String customers() {
        return customers;
    }

    int sent() {
        return sent;
    }

    void createTables() throws SQLException {
        String text = database.textType();
        database.execute(
                "CREATE TABLE " + customers + " (customer " + text + " PRIMARY KEY, name " + text + " NOT NULL,"
                        + " orders bigint NOT NULL, amount bigint NOT NULL, last_event " + text + ")",
                "CREATE TABLE " + events + " (event_id " + text + " PRIMARY KEY, customer " + text + ","
                        + " applied bigint NOT NULL)");
    }

    void dropTables() throws SQLException {
        database.dropAndForget(customers, events);
    }

    /** Writes the channel and the flow into {@code directory}. */
    Path writeFlows(Path directory, int batch) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("channels.yaml"), """
                channels:
                  - name: orders
                    partitions: 2
                """);
        String target = database.yamlName() + ":\n      url: " + database.url() + "\n      user: " + database.user();
        Files.writeString(directory.resolve("customer-sync.yaml"), """
                flow: customer-sync
                from: orders
                to:
                  - %1$s
                      table: %2$s
                      key: customer
                      columns:
                        customer: data.customer
                        name: "has(data.name) ? data.name : null"
                        orders: 1
                        amount: data.amount
                        last_event: id
                      merge: { orders: add, amount: add }
                      batch: %4$d
                      retry: { attempts: 40, backoff: 100ms, max-backoff: 1s }
                  - %1$s
                      table: %3$s
                      key: event_id
                      columns: { event_id: id, customer: data.customer, applied: 1 }
                      merge: { applied: add }
                      batch: %4$d
                      retry: { attempts: 40, backoff: 100ms, max-backoff: 1s }
                """.formatted(target, customers, events, batch));
        return directory;
    }

    /** A batch body of {@code count} orders of the given customers in turn, remembered as sent. */
    String orders(int count, List<String> customerIds) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String customer = customerIds.get((sent + i) % customerIds.size());
            bodies.add(order(customer, null));
        }
        return "[" + String.join(",", bodies) + "]";
    }

    /**
     * One order as structured JSON, remembered as sent; {@code name} null gives a name, "" leaves it out (which
     * the table refuses: its name is NOT NULL).
     */
    String order(String customer, String name) {
        String id = "o" + sent++;
        long amount = 1 + (sent % 7);
        String written = name == null ? "Name of " + id : name;
        String nameField = written.isEmpty() ? "" : ",\"name\":\"" + written + "\"";
        if (!written.isEmpty()) {
            Customer before = expected.get(customer);
            expected.put(
                    customer,
                    before == null
                            ? new Customer(written, 1, amount, id)
                            : new Customer(written, before.orders() + 1, before.amount() + amount, id));
        }
        // subject = customer: a customer's orders share a partition, so they reach the flow in the order sent
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/shop\",\"type\":\"order\",\"subject\":\""
                + customer + "\",\"data\":{\"customer\":\"" + customer + "\",\"amount\":" + amount + nameField + "}}";
    }

    /** Events applied to the event table so far. */
    long applied() throws SQLException {
        return database.count("SELECT count(*) FROM " + events);
    }

    /** Events applied more than once: none, unless the bookkeeping failed. */
    long doubled() throws SQLException {
        return database.count("SELECT count(*) FROM " + events + " WHERE applied <> 1");
    }

    /** The customer table as it is. */
    Map<String, Customer> table() throws SQLException {
        Map<String, Customer> rows = new TreeMap<>();
        for (Map<String, Object> row : database.query("SELECT * FROM " + customers)) {
            rows.put(
                    (String) row.get("customer"),
                    new Customer(
                            (String) row.get("name"),
                            ((Number) row.get("orders")).longValue(),
                            ((Number) row.get("amount")).longValue(),
                            (String) row.get("last_event")));
        }
        return rows;
    }

    /** Asserts both tables hold exactly what was sent, each event once; returns a line of figures to print. */
    String assertExact() throws SQLException {
        long doubled = doubled();
        assertThat(doubled).as("events applied more than once").isZero();
        assertThat(applied()).as("events applied").isEqualTo(sent);
        assertThat(table()).isEqualTo(expected);
        return sent + " events, " + applied() + " event rows, " + expected.size() + " customer rows, " + doubled
                + " doubled";
    }
}
