package dev.flows.analytics.aggregate;

import java.time.Instant;
import java.util.Map;

/**
 * What part of a continuous aggregate to read.
 *
 * @param from    the earliest window start included; null for no bound
 * @param to      the window starts before it are included; null for no bound
 * @param key     by-field values a series must have ({@code item = a}); empty for every series
 * @param maxRows the most table rows to read for the answer; past it the answer is {@code truncated}
 */
public record SeriesRequest(Instant from, Instant to, Map<String, String> key, int maxRows) {

    public SeriesRequest {
        key = Map.copyOf(key);
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, not " + maxRows);
        }
    }
}
