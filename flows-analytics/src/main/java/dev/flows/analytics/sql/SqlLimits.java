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

    public SqlLimits {
        if (defaultRows < 0 || maxRows < defaultRows) {
            throw new IllegalArgumentException("need 0 <= defaultRows <= maxRows, not " + defaultRows + ", " + maxRows);
        }
        if (!memoryLimit.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]?i?B")) {
            throw new IllegalArgumentException("memoryLimit must be like 512MB or 1GB, not '" + memoryLimit + "'");
        }
    }
}
