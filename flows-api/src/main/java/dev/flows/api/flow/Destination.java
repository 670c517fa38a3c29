package dev.flows.api.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Where a flow sends an event at its end (or at a route case). */
public sealed interface Destination {

    /** Where the destination was written. */
    SourceLocation location();

    /** Appends the event, as it is, to a channel. */
    record ToChannel(String channel, SourceLocation location) implements Destination {
        public ToChannel {
            Objects.requireNonNull(channel, "channel");
        }
    }

    /**
     * Upserts a row of a state table. The row's key is {@code key} evaluated on the event. Without
     * {@code set}, the row becomes the event's data; with it, the row becomes a map of the given fields,
     * each computed by CEL with the variable {@code row} bound to the row's previous value ({@code {}} when
     * new), so that rows can accumulate (a revenue sum, a count).
     */
    record ToTable(String table, Expression key, List<FieldAssignment> set, SourceLocation location)
            implements Destination {
        public ToTable {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(key, "key");
            set = List.copyOf(set);
        }
    }

    /**
     * POSTs the event as structured CloudEvents JSON to a URL, retrying failures (connection errors,
     * 408, 429 and 5xx) with backoff; after the last attempt, the event goes to {@code deadLetter}.
     *
     * @param headers    extra request headers
     * @param deadLetter the channel that receives events this destination gave up on
     */
    record ToWebhook(
            String url, Map<String, String> headers, RetryPolicy retry, String deadLetter, SourceLocation location)
            implements Destination {
        public ToWebhook {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(deadLetter, "deadLetter");
        }
    }

    /**
     * Upserts one row per event into a table of a PostgreSQL or MariaDB database, by key, in batches: each
     * batch is one transaction that records the event ids it applies in the bookkeeping table {@code
     * flows_applied} (created by Flows when missing), so that an event replayed after a retry or a restart
     * changes nothing. The table itself is never created by Flows. Failures that may pass (the database down,
     * a lost connection, a deadlock) are retried per {@code retry}, then the batch's events go to {@code
     * deadLetter}; an event whose row the database refuses (a NOT NULL column left null, a value of the wrong
     * type) goes there alone, and the others are applied.
     *
     * <p>{@link #toString()} leaves out the password and the URL's user information and query.
     *
     * @param kind       which database, and so which SQL dialect and driver
     * @param url        the JDBC URL, starting with {@link DatabaseKind#urlPrefix()}
     * @param user       the user to log in as, or null to let the URL or driver say
     * @param password   the password, or null for none; never logged
     * @param table      the table, an identifier or {@code schema.table}
     * @param key        the columns that identify a row: the table's primary key or a unique key, in order
     * @param columns    every column written, key columns included, in order
     * @param batch      events per transaction, at least 1
     * @param retry      how failures that may pass are retried
     * @param deadLetter the channel that receives events this destination gave up on
     */
    record ToDatabase(
            DatabaseKind kind,
            String url,
            String user,
            String password,
            String table,
            List<String> key,
            List<DatabaseColumn> columns,
            int batch,
            RetryPolicy retry,
            String deadLetter,
            SourceLocation location)
            implements Destination {

        /** Events per transaction when a flow file does not say. */
        public static final int DEFAULT_BATCH = 100;

        /** The most events per transaction: PostgreSQL takes at most 32,767 parameters in one statement. */
        public static final int MAX_BATCH = 5_000;

        /** Ten attempts, waiting 200 ms, 400 ms, ... up to 10 s: about 40 s for a database to come back. */
        public static final RetryPolicy DEFAULT_RETRY =
                new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(10));

        public ToDatabase {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(table, "table");
            key = List.copyOf(key);
            columns = List.copyOf(columns);
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(deadLetter, "deadLetter");
            if (key.isEmpty() || columns.isEmpty()) {
                throw new IllegalArgumentException("a database destination needs key and columns, at " + location);
            }
            if (!SqlIdentifier.isTable(table)) {
                throw new IllegalArgumentException("table name '" + table + "' is not an SQL identifier (or"
                        + " schema.table); use letters, digits and '_', starting with a letter or '_', at " + location);
            }
            List<String> written = columns.stream().map(DatabaseColumn::name).toList();
            if (!written.containsAll(key)) {
                throw new IllegalArgumentException(
                        "key " + key + " must be among the columns written " + written + ", at " + location);
            }
            if (batch < 1 || batch > MAX_BATCH) {
                throw new IllegalArgumentException(
                        "batch must be from 1 to " + MAX_BATCH + ", was " + batch + ", at " + location);
            }
        }

        /** The URL without user information and query, which may hold secrets: for messages and logs. */
        public String safeUrl() {
            int query = url.indexOf('?');
            String base = query < 0 ? url : url.substring(0, query);
            int slashes = base.indexOf("//");
            int at = slashes < 0 ? -1 : base.indexOf('@', slashes + 2);
            int path = slashes < 0 ? -1 : base.indexOf('/', slashes + 2);
            if (at >= 0 && (path < 0 || at < path)) {
                base = base.substring(0, slashes + 2) + base.substring(at + 1);
            }
            return query < 0 ? base : base + "?...";
        }

        @Override
        public String toString() {
            return "ToDatabase[" + kind.yamlName() + " " + safeUrl() + " table " + table + " key " + key
                    + " columns " + columns.stream().map(DatabaseColumn::name).toList() + " batch " + batch
                    + " dead-letter " + deadLetter + " at " + location + "]";
        }
    }
}
