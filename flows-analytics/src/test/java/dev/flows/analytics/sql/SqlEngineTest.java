package dev.flows.analytics.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.analytics.AnalyticsException;
import dev.flows.analytics.AnalyticsException.Kind;
import dev.flows.analytics.ShopLog;
import dev.flows.analytics.history.ChannelHistory;
import dev.flows.api.channel.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** SQL over channels of an embedded log on a temporary directory, with small cached files (10 records each). */
class SqlEngineTest {

    @TempDir
    Path temp;

    private ShopLog shop;
    private Path cache;
    private SqlEngine engine;

    @BeforeEach
    void open() {
        shop = new ShopLog(temp.resolve("channels"));
        cache = temp.resolve("analytics");
        engine = new SqlEngine(new ChannelHistory(shop.log(), cache, 10), SqlLimits.DEFAULTS);
    }

    @AfterEach
    void close() {
        engine.close();
        shop.close();
    }

    private SqlResult query(String sql) {
        return engine.query(new SqlQuery(sql, 10_000, Duration.ofSeconds(30)));
    }

    @Test
    void shouldTypeTheColumnsOfAChannel() {
        ShopLog.append(shop.channel("shop", 1), 0, 3);
        SqlResult result = query("select * from channel('shop') order by \"offset\"");
        assertThat(result.columns())
                .extracting(SqlColumn::name)
                .containsExactly(
                        "partition",
                        "offset",
                        "appended_at",
                        "id",
                        "source",
                        "type",
                        "subject",
                        "time",
                        "datacontenttype",
                        "data",
                        "extensions",
                        "event");
        assertThat(result.columns())
                .extracting(SqlColumn::type)
                .containsExactly(
                        "INTEGER",
                        "BIGINT",
                        "TIMESTAMP WITH TIME ZONE",
                        "VARCHAR",
                        "VARCHAR",
                        "VARCHAR",
                        "VARCHAR",
                        "TIMESTAMP WITH TIME ZONE",
                        "VARCHAR",
                        "JSON",
                        "MAP(VARCHAR, VARCHAR)",
                        "VARCHAR");
        List<Object> second = result.rows().get(1);
        assertThat(second.subList(0, 9))
                .containsExactly(
                        0,
                        1L,
                        "2023-11-14T22:13:20.001Z",
                        "e1",
                        "/shop",
                        "shop.order.placed",
                        "u1",
                        "2026-01-01T00:00:01Z",
                        "application/json");
        assertThat(((JsonNode) second.get(9)).get("amount").asDouble()).isEqualTo(1.5);
        assertThat(second.get(10).toString()).isEqualTo("{\"region\":\"eu\"}");
        assertThat(second.get(11)).isEqualTo(ShopLog.order(1));
    }

    @Test
    void shouldReadJsonPathsAndFilterByEventTime() {
        ShopLog.append(shop.channel("shop", 1), 0, 100);
        SqlResult result = query("select type, count(*) as n, sum((data->>'amount')::double) as revenue"
                + " from channel('shop') where time >= '2026-01-01T00:00:10Z' and time < '2026-01-01T00:00:40Z'"
                + " and extensions['region'] = 'eu' group by 1 order by 1");
        // orders 10..39: cart adds are the multiples of 3 (12, 15, ..., 39: 10 of them)
        double cartRevenue = Stream.iterate(12, n -> n <= 39, n -> n + 3)
                .mapToDouble(n -> n * 1.5)
                .sum();
        double allRevenue = Stream.iterate(10, n -> n < 40, n -> n + 1)
                .mapToDouble(n -> n * 1.5)
                .sum();
        assertThat(result.rows())
                .containsExactly(
                        List.of("shop.cart.add", 10L, cartRevenue),
                        List.of("shop.order.placed", 20L, allRevenue - cartRevenue));
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void shouldReadEveryPartition() {
        Channel channel = shop.channel("shop", 4);
        ShopLog.append(channel, 0, 95);
        SqlResult result =
                query("select partition, count(*), max(\"offset\") from channel('shop') group by 1 order by 1");
        List<List<Object>> expected = new java.util.ArrayList<>();
        for (int p = 0; p < 4; p++) {
            if (channel.endOffset(p) > 0) { // 7 subjects over 4 partitions: one may get none
                expected.add(List.of(p, channel.endOffset(p), channel.endOffset(p) - 1));
            }
        }
        assertThat(expected).hasSizeGreaterThan(1);
        assertThat(result.rows()).isEqualTo(expected);
        assertThat(query("select count(distinct id) from channel('shop')").rows())
                .containsExactly(List.of(95L));
    }

    @Test
    void shouldSeeAChannelGrowAndReuseWholeFiles() throws IOException {
        Channel channel = shop.channel("shop", 1);
        ShopLog.append(channel, 0, 25);
        assertThat(query("select count(*) from channel('shop')").rows()).containsExactly(List.of(25L));
        Map<String, FileTime> first = files();
        assertThat(first.keySet())
                .containsExactlyInAnyOrder(
                        "0-10-1700000000000.parquet", "10-20-1700000000010.parquet", "20-25-1700000000020.parquet");

        ShopLog.append(channel, 25, 28);
        assertThat(query("select count(*), max(id) from channel('shop') where id = 'e27'")
                        .rows())
                .containsExactly(List.of(1L, "e27"));
        Map<String, FileTime> second = files();
        assertThat(second.keySet()) // only the new records were written, as a piece after the tail
                .containsExactlyInAnyOrder(
                        "0-10-1700000000000.parquet",
                        "10-20-1700000000010.parquet",
                        "20-25-1700000000020.parquet",
                        "25-28-1700000000025.parquet");
        assertThat(second.get("0-10-1700000000000.parquet")).isEqualTo(first.get("0-10-1700000000000.parquet"));
        assertThat(second.get("20-25-1700000000020.parquet")).isEqualTo(first.get("20-25-1700000000020.parquet"));

        ShopLog.append(channel, 28, 32);
        assertThat(query("select count(*), max(id) from channel('shop') where id = 'e31'")
                        .rows())
                .containsExactly(List.of(1L, "e31"));
        assertThat(files().keySet()) // the chunk 20-30 became whole: written again as one file
                .containsExactlyInAnyOrder(
                        "0-10-1700000000000.parquet",
                        "10-20-1700000000010.parquet",
                        "20-30-1700000000020.parquet",
                        "30-32-1700000000030.parquet");
        assertThat(query("select count(*) from channel('shop')").rows()).containsExactly(List.of(32L));
    }

    @Test
    void shouldSeeEveryRecordOfAChannelGrowingBetweenQueriesAtRandom() {
        long seed = System.nanoTime();
        System.out.println("shouldSeeEveryRecordOfAChannelGrowingBetweenQueriesAtRandom seed " + seed);
        java.util.Random random = new java.util.Random(seed);
        Channel channel = shop.channel("shop", 1 + random.nextInt(4));
        int appended = 0;
        for (int round = 0; round < 12; round++) {
            int more = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 5 : 40);
            ShopLog.append(channel, appended, appended + more);
            appended += more;
            long expectedSum = (long) appended * (appended - 1) / 2;
            assertThat(query("select count(*), coalesce(sum(replace(id, 'e', '')::bigint), 0),"
                                    + " count(distinct (partition, \"offset\")) from channel('shop')")
                            .rows())
                    .as("round " + round + ", seed " + seed)
                    .containsExactly(
                            List.of((long) appended, java.math.BigInteger.valueOf(expectedSum), (long) appended));
        }
    }

    @Test
    void shouldForgetTheFilesOfAChannelDeletedAndCreatedAgain() {
        ShopLog.append(shop.channel("shop", 1), 0, 12);
        assertThat(query("select count(*) from channel('shop')").rows()).containsExactly(List.of(12L));
        shop.log().delete("shop");
        Channel again = shop.channel("shop", 1);
        ShopLog.append(again, 100, 112); // other records, with other append times, at the same offsets
        assertThat(query("select min(id), count(*) from channel('shop')").rows())
                .containsExactly(List.of("e100", 12L));
    }

    @Test
    void shouldAnswerAnEmptyChannelWithItsColumnsAndNoRows() {
        shop.channel("empty", 2);
        SqlResult result = query("select id, time, data from channel('empty')");
        assertThat(result.columns()).extracting(SqlColumn::name).containsExactly("id", "time", "data");
        assertThat(result.rows()).isEmpty();
        assertThat(query("select count(*) from channel('empty')").rows()).containsExactly(List.of(0L));
    }

    @Test
    void shouldJoinTwoChannelsAndACompactedOne() {
        ShopLog.append(shop.channel("shop", 2), 0, 30);
        ShopLog.append(shop.compacted("latest", 1), 0, 14);
        SqlResult result = query("select count(*) from channel('shop') s join channel( 'latest' ) l using (id)");
        assertThat(result.rows()).containsExactly(List.of(14L));
        assertThat(cache.resolve(".snapshots")).isEmptyDirectory(); // a compacted channel's files go after the query
    }

    @Test
    void shouldStopAtTheRowLimitAndSaySo() {
        ShopLog.append(shop.channel("shop", 1), 0, 20);
        SqlResult result = engine.query(new SqlQuery("select id from channel('shop')", 5, Duration.ofSeconds(30)));
        assertThat(result.rows()).hasSize(5);
        assertThat(result.truncated()).isTrue();
        SqlResult exact = engine.query(new SqlQuery("select id from channel('shop')", 20, Duration.ofSeconds(30)));
        assertThat(exact.rows()).hasSize(20);
        assertThat(exact.truncated()).isFalse();
    }

    @Test
    void shouldCancelAQueryAtItsTimeout() {
        ShopLog.append(shop.channel("shop", 1), 0, 5);
        long started = System.nanoTime();
        assertThatThrownBy(() -> engine.query(new SqlQuery(
                        "select sum(hash(a.range * b.range)) from range(1000000) a, range(1000000) b, channel('shop')",
                        10,
                        Duration.ofMillis(300))))
                .isInstanceOf(AnalyticsException.class)
                .satisfies(e -> assertThat(((AnalyticsException) e).kind()).isEqualTo(Kind.TIMEOUT))
                .hasMessageContaining("timeout of 300 ms")
                .hasMessageContaining("timeout_ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void shouldRefuseEveryStatementThatIsNotOneSelectAndChangeNothing() throws IOException {
        Channel channel = shop.channel("shop", 1);
        ShopLog.append(channel, 0, 5);
        Path outside = Files.writeString(temp.resolve("secret.csv"), "a,b\n1,2\n");
        Path written = temp.resolve("written.csv");
        Path attached = temp.resolve("other.duckdb");
        String shopFile = cache.resolve("shop")
                .resolve("0")
                .resolve("0-5-1700000000000.parquet")
                .toString();
        query("select 1 from channel('shop')"); // the cached file exists from here on
        List<String> refused = List.of(
                "copy (select * from channel('shop')) to '" + written + "'",
                "attach '" + attached + "' as other",
                "create table t as select * from channel('shop')",
                "insert into t values (1)",
                "select * from read_csv('" + outside + "')",
                "select * from '" + outside + "'",
                "select * from read_text('/etc/passwd')",
                "select * from read_parquet('" + shopFile + "')",
                "select * from read_csv('https://example.com/data.csv')",
                "select * from glob('" + temp + "/*')",
                "set enable_external_access = true",
                "set lock_configuration = false",
                "install httpfs",
                "load httpfs",
                "pragma enable_profiling",
                "select 1; copy (select 1) to '" + written + "'",
                "create table x (a int); select 1",
                "export database '" + temp.resolve("db") + "'",
                "checkpoint");
        for (String sql : refused) {
            assertThatThrownBy(() -> query(sql))
                    .as(sql)
                    .isInstanceOf(AnalyticsException.class)
                    .satisfies(e -> assertThat(((AnalyticsException) e).kind())
                            .as(sql + ": " + e.getMessage())
                            .isEqualTo(Kind.REFUSED_STATEMENT));
        }
        assertThat(written).doesNotExist();
        assertThat(attached).doesNotExist();
        assertThat(temp.resolve("db")).doesNotExist();
        assertThat(channel.endOffset(0)).isEqualTo(5);
        assertThat(query("select count(*) from channel('shop')").rows()).containsExactly(List.of(5L));
    }

    @Test
    void shouldSayWhatIsWrongWithAQueryAndWhere() {
        ShopLog.append(shop.channel("shop", 1), 0, 3);
        assertThatThrownBy(() -> query("select type, count(* from channel('shop')"))
                .isInstanceOf(AnalyticsException.class)
                .satisfies(e -> {
                    AnalyticsException problem = (AnalyticsException) e;
                    assertThat(problem.kind()).isEqualTo(Kind.INVALID_QUERY);
                    assertThat(problem.position()).isBetween(20, 41);
                })
                .hasMessageContaining("syntax error");
        assertThatThrownBy(() -> query("select amount from channel('shop')"))
                .isInstanceOf(AnalyticsException.class)
                .satisfies(e -> assertThat(((AnalyticsException) e).kind()).isEqualTo(Kind.INVALID_QUERY))
                .hasMessageContaining("\"amount\" not found")
                .hasMessageContaining("LINE 1: select amount from channel('shop')")
                .hasMessageContaining("fix the query");
        assertThatThrownBy(() -> query("select * from channel('shopp')"))
                .isInstanceOf(AnalyticsException.class)
                .satisfies(e -> assertThat(((AnalyticsException) e).kind()).isEqualTo(Kind.UNKNOWN_CHANNEL))
                .hasMessageContaining("channel 'shopp' does not exist; the channels are: shop");
    }

    @Test
    void shouldNameTheChannelsOfAQuery() {
        assertThat(SqlEngine.channelsIn(
                        "select * from channel('a') join CHANNEL ( 'b' ) using (id), my_channel('c'), channel('a')"))
                .containsExactly("a", "b");
    }

    private Map<String, FileTime> files() throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("shop").resolve("0"))) {
            return files.collect(Collectors.toMap(p -> p.getFileName().toString(), p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }
}
