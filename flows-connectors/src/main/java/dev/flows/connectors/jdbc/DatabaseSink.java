package dev.flows.connectors.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.flows.api.error.ConfigurationException;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.Upsert;
import dev.flows.api.sink.UpsertOutcome;
import dev.flows.api.sink.UpsertSink;
import dev.flows.api.system.SystemEvent;
import dev.flows.api.system.SystemEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts rows into the table of a {@link Destination.ToDatabase} (PostgreSQL or MariaDB), each batch in one
 * transaction with its bookkeeping ({@link RowWriter}), so that an event is applied once however often it is
 * delivered.
 *
 * <p>At construction it opens a small pool ({@link ConnectionPool}) and, if the database answers, checks the
 * table ({@link TableCheck}): a missing table, column or key refuses the flow's start. If the database does
 * not answer, the check waits for the first write.
 *
 * <p>A failed write is retried as the destination's {@link RetryPolicy} says while the failure may pass (no
 * connection, a lost one, a deadlock, a missing table someone may create), then every row of the batch is
 * given up on with the reason. A row the database refuses for its values is found by writing the batch again
 * row by row: it alone is given up on, the others are applied. When a give-up says the database is
 * unreachable, {@code flows.connector.down} is published, and {@code flows.connector.up} at the next write
 * that succeeds: once per change.
 *
 * <p>Thread-safe: the tasks of a flow share one sink; each write takes its own connection. The password and
 * the URL's user information and query appear in no message.
 */
public final class DatabaseSink implements UpsertSink {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSink.class);

    /**
     * How long an applied event is remembered in {@code flows_applied}. A replay re-delivers only what came after
     * the last committed offsets, which commit right after each batch, so a week is far more than a replay needs;
     * it bounds the table by a week of events instead of letting it grow forever.
     */
    static final Duration APPLIED_RETENTION = Duration.ofDays(7);

    /** How often a sink forgets what its retention has passed: at its first write, then at most hourly. */
    static final Duration FORGET_EVERY = Duration.ofHours(1);

    private final Destination.ToDatabase spec;
    private final Dialect dialect;
    private final String description;
    private final HikariDataSource pool;
    private final RowWriter writer;
    private final SystemEvents systemEvents;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong nextForgetMillis = new AtomicLong();
    private volatile TableShape shape;

    /**
     * Opens the pool and checks the table when the database answers.
     *
     * @param name the destination's name in the bookkeeping table: the flow's name and the table, such as {@code
     *     customer-sync/customers}; events are applied once per name
     * @param systemEvents where the database going down and coming back is reported
     * @throws ConfigurationException if the database answers and its table is not as the destination says
     */
    public DatabaseSink(String name, Destination.ToDatabase spec, SystemEvents systemEvents) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.systemEvents = Objects.requireNonNull(systemEvents, "systemEvents");
        this.dialect = Dialect.of(spec.kind());
        this.description = spec.kind().yamlName() + " " + spec.safeUrl() + " table " + spec.table();
        this.writer = new RowWriter(dialect, name, spec);
        this.pool = ConnectionPool.open(name, spec, dialect);
        try {
            checkAtStart();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private void checkAtStart() {
        try (Connection connection = pool.getConnection()) {
            shape = TableCheck.check(connection, spec, dialect);
        } catch (TableMismatch e) {
            throw new ConfigurationException(spec.location() + ": " + e.getMessage());
        } catch (SQLException e) {
            LOG.warn(
                    "{}: the database does not answer at start ({}); its table is checked at the first write",
                    description,
                    SqlFailure.of(e, dialect).describe());
        }
    }

    @Override
    public UpsertOutcome upsert(List<Upsert> rows, BooleanSupplier stopping) {
        if (rows.isEmpty()) {
            return new UpsertOutcome.Done(List.of());
        }
        return write(rows, stopping);
    }

    /** Writes the rows in one transaction, retrying; on a data error, row by row. */
    private UpsertOutcome write(List<Upsert> rows, BooleanSupplier stopping) {
        RetryPolicy retry = spec.retry();
        for (int attempt = 1; ; attempt++) {
            SqlFailure failure;
            try {
                writeOnce(rows);
                if (down.compareAndSet(true, false)) {
                    systemEvents.publish(SystemEvent.connectorUp(spec.kind().yamlName(), spec.safeUrl()));
                }
                return all(rows.size(), new Delivery.Delivered(attempt));
            } catch (SQLException e) {
                failure = SqlFailure.of(e, dialect);
            }
            if (failure.kind() == SqlFailure.Kind.BUSY) {
                attempt--; // waiting for a connection the flow's other tasks hold is no failed attempt
                if (stopping.getAsBoolean()) {
                    return new UpsertOutcome.Stopped();
                }
                continue;
            }
            if (failure.kind() == SqlFailure.Kind.DATA) {
                return rows.size() == 1 ? giveUp(rows, attempt, failure) : oneByOne(rows, stopping);
            }
            if (attempt >= retry.maxAttempts()) {
                return giveUp(rows, attempt, failure);
            }
            LOG.debug(
                    "{}: attempt {} of {} for {} row(s) failed: {}; retrying in {} ms",
                    description,
                    attempt,
                    retry.maxAttempts(),
                    rows.size(),
                    failure.describe(),
                    retry.backoffAfter(attempt).toMillis());
            if (stopping.getAsBoolean() || !Pause.waitFor(retry.backoffAfter(attempt), stopping)) {
                return new UpsertOutcome.Stopped();
            }
        }
    }

    private void writeOnce(List<Upsert> rows) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            TableShape known = shape;
            if (known == null) {
                known = TableCheck.check(connection, spec, dialect);
                shape = known;
            }
            int applied = writer.write(connection, known, rows);
            forgetOldApplied(connection);
            if (applied < rows.size()) {
                // Rare and worth knowing: the batch was delivered before (a crash or a lost commit answer).
                LOG.info(
                        "{}: {} of {} event(s) were applied before; skipped them (a replay)",
                        description,
                        rows.size() - applied,
                        rows.size());
            }
        }
    }

    /**
     * Deletes this destination's bookkeeping rows older than {@link #APPLIED_RETENTION}, when due. A failure is
     * logged and left for the next time: the rows written are committed already.
     */
    private void forgetOldApplied(Connection connection) {
        long now = System.currentTimeMillis();
        long due = nextForgetMillis.get();
        if (now < due || !nextForgetMillis.compareAndSet(due, now + FORGET_EVERY.toMillis())) {
            return;
        }
        try {
            int forgotten = writer.forgetAppliedBefore(
                    connection, Instant.ofEpochMilli(now).minus(APPLIED_RETENTION));
            if (forgotten > 0) {
                LOG.info(
                        "{}: forgot {} applied event(s) older than {} days in {}",
                        description,
                        forgotten,
                        APPLIED_RETENTION.toDays(),
                        Dialect.BOOKKEEPING);
            }
        } catch (SQLException e) {
            LOG.warn(
                    "{}: could not delete old rows of {} ({}); trying again in {} minutes",
                    description,
                    Dialect.BOOKKEEPING,
                    SqlFailure.of(e, dialect).describe(),
                    FORGET_EVERY.toMinutes());
        }
    }

    private UpsertOutcome oneByOne(List<Upsert> rows, BooleanSupplier stopping) {
        List<Delivery> deliveries = new ArrayList<>(rows.size());
        for (Upsert row : rows) {
            switch (write(List.of(row), stopping)) {
                case UpsertOutcome.Stopped stopped -> {
                    return stopped;
                }
                case UpsertOutcome.Done done -> deliveries.add(done.deliveries().getFirst());
            }
        }
        return new UpsertOutcome.Done(deliveries);
    }

    private UpsertOutcome giveUp(List<Upsert> rows, int attempts, SqlFailure failure) {
        String what = failure.kind() == SqlFailure.Kind.DATA
                ? "refused the row of event " + rows.getFirst().eventId()
                : "failed " + attempts + (attempts == 1 ? " attempt" : " attempts") + " to write " + rows.size()
                        + (rows.size() == 1 ? " row" : " rows");
        String reason = description + ": " + what + ": " + failure.describe() + "; " + failure.hint();
        if (failure.kind() == SqlFailure.Kind.UNAVAILABLE && down.compareAndSet(false, true)) {
            systemEvents.publish(SystemEvent.connectorDown(spec.kind().yamlName(), spec.safeUrl(), reason));
        }
        // The engine logs each dead-lettered event with its flow; this says it once for the batch.
        LOG.warn("{}: gave up on {} row(s): {}", description, rows.size(), reason);
        return all(rows.size(), new Delivery.GaveUp(attempts, reason));
    }

    private static UpsertOutcome all(int size, Delivery delivery) {
        return new UpsertOutcome.Done(Collections.nCopies(size, delivery));
    }

    /** Closes the pool: connections are closed, no thread stays. */
    @Override
    public void close() {
        pool.close();
    }

    /** The upsert statement this sink runs per row, for tests and docs. */
    String upsertSql() {
        return writer.upsertSql();
    }
}
