package dev.flows.server.http;

import io.javalin.http.Context;

/** Reads numeric query parameters with a clear 400 when one is not a number in range. */
final class QueryParameters {

    private QueryParameters() {}

    static long longParam(Context ctx, String name, long defaultValue, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the one message below
        }
        throw ApiException.badRequest(
                "invalid-parameter",
                "query parameter '" + name + "' is '" + raw + "'; use an integer from " + min + " to " + max
                        + (defaultValue >= 0 ? " (default " + defaultValue + ")" : ""));
    }

    static Integer partitionParam(Context ctx, int partitions) {
        String raw = ctx.queryParam("partition");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return (int) longParam(ctx, "partition", -1, 0, partitions - 1);
    }
}
