package dev.flows.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.analytics.AnalyticsException;
import dev.flows.analytics.ShopLog;
import dev.flows.analytics.history.ChannelHistory;
import dev.flows.analytics.history.DuckDb;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports read back, Parquet with DuckDB and JSON lines line by line, and compared with every record. */
class ChannelExportTest {

    @TempDir
    Path temp;

    private ShopLog shop;
    private ChannelExport export;
    private Channel channel;
    private int events;

    @BeforeEach
    void open() {
        long seed = System.nanoTime();
        System.out.println("ChannelExportTest seed " + seed);
        events = 50 + new Random(seed).nextInt(200);
        shop = new ShopLog(temp.resolve("channels"));
        channel = shop.channel("shop", 3);
        ShopLog.append(channel, 0, events);
        export = new ChannelExport(
                shop.log(), new ChannelHistory(shop.log(), temp.resolve("cache"), 16), temp.resolve("scratch"));
    }

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void shouldExportJsonLinesAsStoredInPartitionAndOffsetOrder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count = export.export("shop", ExportFormat.JSONL, null, null, out);
        List<String> expected = stored(null, null);
        assertThat(count).isEqualTo(events);
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n", -1))
                .containsExactlyElementsOf(concat(expected, ""));
    }

    @Test
    void shouldExportATimeRangeByEventTime() {
        Instant from = ShopLog.timeOf(10);
        Instant to = ShopLog.timeOf(40);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(export.export("shop", ExportFormat.JSONL, from, to, out)).isEqualTo(30);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactlyElementsOf(stored(10, 40));
    }

    @Test
    void shouldExportParquetThatDuckDbReadsBackAsTheRecords() throws Exception {
        Path file = temp.resolve("shop.parquet");
        try (OutputStream out = Files.newOutputStream(file)) {
            assertThat(export.export("shop", ExportFormat.PARQUET, null, null, out))
                    .isEqualTo(events);
        }
        List<String> read = new ArrayList<>();
        try (DuckDBConnection db = DuckDb.openInMemory();
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("select partition, \"offset\", id, type, subject,"
                        + " strftime(time at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ'), data->>'order',"
                        + " (data->>'amount')::double, extensions['region'] from read_parquet("
                        + DuckDb.literal(file.toString()) + ")")) {
            while (rows.next()) {
                read.add(rows.getInt(1) + "/" + rows.getLong(2) + " " + rows.getString(3) + " " + rows.getString(4)
                        + " " + rows.getString(5) + " " + rows.getString(6) + " " + rows.getString(7) + " "
                        + rows.getDouble(8) + " " + rows.getString(9));
            }
        }
        List<String> expected = new ArrayList<>();
        for (ChannelRecord record : records()) {
            int n = Integer.parseInt(
                    new String(record.value(), StandardCharsets.UTF_8).replaceAll("^.*\"id\":\"e(\\d+)\".*$", "$1"));
            expected.add(record.partition() + "/" + record.offset() + " e" + n + " "
                    + (n % 3 == 0 ? "shop.cart.add" : "shop.order.placed") + " u" + n % 7 + " " + ShopLog.timeOf(n)
                    + " o" + n + " " + n * 1.5 + " eu");
        }
        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(Files.list(temp.resolve("scratch"))).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownChannel() {
        assertThatThrownBy(() -> export.export("nope", ExportFormat.JSONL, null, null, new ByteArrayOutputStream()))
                .isInstanceOf(AnalyticsException.class)
                .hasMessageContaining("channel 'nope' does not exist");
    }

    /** Every record, partition by partition, offsets in order. */
    private List<ChannelRecord> records() {
        List<ChannelRecord> all = new ArrayList<>();
        for (int p = 0; p < channel.partitions(); p++) {
            all.addAll(channel.read(p, 0, events));
        }
        return all;
    }

    /** The stored JSON of the orders with numbers in [from, to) (null: all), in export order. */
    private List<String> stored(Integer from, Integer to) {
        return records().stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .filter(json -> {
                    int n = Integer.parseInt(json.replaceAll("^.*\"id\":\"e(\\d+)\".*$", "$1"));
                    return (from == null || n >= from) && (to == null || n < to);
                })
                .toList();
    }

    private static List<String> concat(List<String> lines, String last) {
        List<String> all = new ArrayList<>(lines);
        all.add(last);
        return all;
    }
}
