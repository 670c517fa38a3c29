package dev.flows.bench.sql;

import dev.flows.analytics.export.ChannelExport;
import dev.flows.analytics.export.ExportFormat;
import dev.flows.analytics.history.ChannelHistory;
import dev.flows.analytics.sql.SqlEngine;
import dev.flows.analytics.sql.SqlLimits;
import dev.flows.analytics.sql.SqlQuery;
import dev.flows.analytics.sql.SqlResult;
import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.Durability;
import dev.flows.bench.event.EventFile;
import dev.flows.bench.event.Events;
import dev.flows.bench.event.SubjectScan;
import dev.flows.bench.log.BenchLog;
import dev.flows.bench.log.DataDirectory;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flows bench SQL}: SQL over a channel's history and exports, timed. Appends the input to a channel of the
 * embedded log (page cache durability), then times: the first query (writing every Parquet file of the history,
 * then querying it), the same query again (files reused), a second query, the query after a batch more events
 * (only the tail written again), and exports to JSON lines and Parquet. One JSON line of milliseconds and counts.
 */
@Command(
        name = "SQL",
        mixinStandardHelpOptions = true,
        description = "SQL over a channel's history (DuckDB) and exports: first query, repeated query, query after"
                + " growth, export times; one JSON line.")
public final class SqlWorkload implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Events, one JSON a line.")
    Path input;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the channel (default 4).")
    int partitions;

    @Option(names = "--repeats", defaultValue = "5", description = "Runs of the repeated query (default 5).")
    int repeats;

    @Option(
            names = "--chunk",
            defaultValue = "" + ChannelHistory.DEFAULT_CHUNK_RECORDS,
            description = "Records per cached Parquet file (default ${DEFAULT-VALUE}).")
    long chunk;

    private static final String BY_TYPE = "select type, count(*), sum(coalesce((data->>'amount')::double, 0))"
            + " from channel('shop') group by 1 order by 1";

    private static final String PER_MINUTE = "select time_bucket(interval 1 minute, time) as minute,"
            + " sum((data->>'amount')::double) as revenue from channel('shop') where type = 'shop.order.placed'"
            + " group by 1 order by 1";

    @Override
    public Integer call() throws Exception {
        Events events = EventFile.load(input);
        int growth = Math.min(10_000, events.count() / 10);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("workload", "SQL");
        figures.put("events", events.count() - growth);
        figures.put("chunk_records", chunk);
        try (DataDirectory data = DataDirectory.temporary("flows-bench-sql");
                ChannelBackend log = BenchLog.open(data.path().resolve("channels"))) {
            Channel channel = log.open(BenchLog.channel("shop", partitions, Durability.OS));
            append(channel, events, 0, events.count() - growth);
            ChannelHistory history = new ChannelHistory(log, data.path().resolve("analytics"), chunk);
            try (SqlEngine engine = new SqlEngine(history, SqlLimits.DEFAULTS)) {
                figures.put("first_query_ms", time(engine, BY_TYPE));
                List<Long> repeated = new ArrayList<>();
                for (int i = 0; i < repeats; i++) {
                    repeated.add(time(engine, BY_TYPE));
                }
                figures.put("repeated_query_ms", repeated);
                figures.put("revenue_per_minute_query_ms", time(engine, PER_MINUTE));
                append(channel, events, events.count() - growth, events.count());
                figures.put("grown_by", growth);
                figures.put("query_after_growth_ms", time(engine, BY_TYPE));
                figures.put("query_after_growth_again_ms", time(engine, BY_TYPE));
            }
            ChannelExport export = new ChannelExport(log, history, data.path().resolve("exports"));
            for (ExportFormat format : ExportFormat.values()) {
                Path file = data.path().resolve("export." + format.extension());
                long started = System.nanoTime();
                long records;
                try (OutputStream out = Files.newOutputStream(file)) {
                    records = export.export("shop", format, null, null, out);
                }
                figures.put("export_" + format.extension() + "_ms", (System.nanoTime() - started) / 1_000_000);
                figures.put("export_" + format.extension() + "_records", records);
                figures.put("export_" + format.extension() + "_bytes", Files.size(file));
            }
            // a range of event time goes through the Parquet files (the whole channel is read from the log)
            long started = System.nanoTime();
            long inRange;
            try (OutputStream out = Files.newOutputStream(data.path().resolve("range.jsonl"))) {
                inRange = export.export(
                        "shop",
                        ExportFormat.JSONL,
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-01T01:00:00Z"),
                        out);
            }
            figures.put("export_jsonl_first_hour_ms", (System.nanoTime() - started) / 1_000_000);
            figures.put("export_jsonl_first_hour_records", inRange);
            figures.put("cache_bytes", size(data.path().resolve("analytics")));
        }
        System.out.println(toJson(figures));
        return 0;
    }

    private static long time(SqlEngine engine, String sql) {
        long started = System.nanoTime();
        SqlResult result = engine.query(new SqlQuery(sql, 100_000, Duration.ofMinutes(5)));
        if (result.rows().isEmpty()) {
            throw new IllegalStateException("the query answered no rows: " + sql);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void append(Channel channel, Events events, int from, int to) {
        List<Append> batch = new ArrayList<>(1000);
        for (int i = from; i < to; i++) {
            byte[] line = events.line(i);
            batch.add(new Append(SubjectScan.subject(line), line, System.currentTimeMillis()));
            if (batch.size() == 1000 || i == to - 1) {
                channel.append(batch);
                batch.clear();
            }
        }
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }

    private static String toJson(Map<String, Object> figures) {
        StringBuilder json = new StringBuilder("{");
        figures.forEach((name, value) -> json.append(json.length() == 1 ? "" : ",")
                .append('"')
                .append(name)
                .append("\":")
                .append(
                        value instanceof String s
                                ? "\"" + s + "\""
                                : value.toString().replace(" ", "")));
        return json.append('}').toString();
    }
}
