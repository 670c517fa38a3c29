package dev.flows.analytics;

import dev.flows.analytics.aggregate.AggregateCatalog;
import dev.flows.analytics.aggregate.SeriesReader;
import dev.flows.analytics.export.ChannelExport;
import dev.flows.analytics.history.ChannelHistory;
import dev.flows.analytics.sql.SqlEngine;
import dev.flows.analytics.sql.SqlLimits;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.state.StateStore;
import java.nio.file.Path;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics of a server, assembled in one place: SQL over channels' history, exports, and the continuous
 * aggregates of its flows. Building it loads nothing of DuckDB; the first query or export does. Thread-safe.
 *
 * @param sql        SQL over history
 * @param export     exports to Parquet and JSON lines
 * @param aggregates the tables that hold window results
 * @param series     reads an aggregate's points
 */
public record Analytics(SqlEngine sql, ChannelExport export, AggregateCatalog aggregates, SeriesReader series)
        implements AutoCloseable {

    /**
     * Analytics over these channels, tables and flows, with its files under {@code directory} (Parquet files of
     * history in {@code history/}, exports being written in {@code exports/}; all of it may be deleted while the
     * server is stopped).
     */
    public static Analytics open(
            ChannelBackend channels, StateStore state, FlowSet flows, Path directory, SqlLimits limits) {
        ChannelHistory history =
                new ChannelHistory(channels, directory.resolve("history"), ChannelHistory.DEFAULT_CHUNK_RECORDS);
        return new Analytics(
                new SqlEngine(history, limits),
                new ChannelExport(channels, history, directory.resolve("exports")),
                AggregateCatalog.of(flows),
                new SeriesReader(state, JsonMapper.builder().build()));
    }

    @Override
    public void close() {
        sql.close();
    }
}
