package dev.flows.analytics.sql;

import java.time.Duration;

/**
 * What a query may use: rows returned, run time, and DuckDB's memory and threads. A request may ask for fewer
 * rows or less time than the defaults, and for more up to the maxima.
 *
 * @param defaultRows    rows returned when a request does not say
 * @param maxRows        the most rows a request may ask for
 * @param defaultTimeout run time when a request does not say
 * @param maxTimeout     the longest run time a request may ask for
 * @param memoryLimit    DuckDB's {@code memory_limit} for one query, such as {@code 1GB}
 * @param threads        DuckDB's threads for one query
 */
public record SqlLimits(
        int defaultRows, int maxRows, Duration defaultTimeout, Duration maxTimeout, String memoryLimit, int threads) {

    /** 10,000 rows (at most 100,000), 30 s (at most 5 min), 1 GB, every core. */
    public static final SqlLimits DEFAULTS = new SqlLimits(
            10_000,
            100_000,
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            "1GB",
            Runtime.getRuntime().availableProcessors());

    /**
     * The limits of {@code flows run}'s flags: requests may ask for up to {@code maxRows} rows and {@code maxTimeout}
     * of run time, and get {@link #DEFAULTS}' 10,000 rows and 30 s, or the maxima when those are lower, when they do
     * not say; each query has {@code memoryLimit} and every core.
     *
     * @throws IllegalArgumentException if {@code maxRows} is below 1, {@code maxTimeout} is not positive, or the
     *     memory limit is not like {@code 512MB}
     */
    public static SqlLimits upTo(int maxRows, Duration maxTimeout, String memoryLimit) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("the most rows a SQL query may return is " + maxRows
                    + "; use at least 1 (flows run --sql-max-rows)");
        }
        if (maxTimeout.isNegative() || maxTimeout.isZero()) {
            throw new IllegalArgumentException("the longest a SQL query may run is " + maxTimeout
                    + "; use more than 0 (flows run --sql-max-time)");
        }
        return new SqlLimits(
                Math.min(DEFAULTS.defaultRows(), maxRows),
                maxRows,
                DEFAULTS.defaultTimeout().compareTo(maxTimeout) < 0 ? DEFAULTS.defaultTimeout() : maxTimeout,
                maxTimeout,
                memoryLimit,
                DEFAULTS.threads());
    }

    public SqlLimits {
        if (defaultRows < 0 || maxRows < defaultRows) {
            throw new IllegalArgumentException("need 0 <= defaultRows <= maxRows, not " + defaultRows + ", " + maxRows);
        }
        if (!memoryLimit.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]?i?B")) {
            throw new IllegalArgumentException("the memory limit of a SQL query must be a size like 512MB or 1GB, not '"
                    + memoryLimit + "' (flows run --sql-memory)");
        }
    }
}
