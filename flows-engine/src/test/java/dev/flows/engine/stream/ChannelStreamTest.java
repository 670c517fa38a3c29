package dev.flows.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscriptions on the real embedded log: live delivery, start positions, backpressure, close. */
class ChannelStreamTest {

    @TempDir
    Path temp;

    EmbeddedLog log;
    Channel channel;

    @BeforeEach
    void open() {
        log = EmbeddedLog.open(temp, LogConfig.defaults());
        channel = log.open(new ChannelDefinition("events", 1, SourceLocation.JAVA));
    }

    @AfterEach
    void close() {
        log.close();
    }

    private void append(int count, String prefix) {
        List<Append> appends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appends.add(new Append(null, (prefix + i).getBytes(StandardCharsets.UTF_8), i));
        }
        channel.append(appends);
    }

    private static String text(ChannelRecord record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldDeliverFromTheBeginningThenLive() {
        append(3, "old");
        List<String> seen = new CopyOnWriteArrayList<>();

        try (ChannelStream stream = ChannelStream.subscribe(
                channel,
                null,
                new StartPosition.Earliest(),
                10,
                records -> {
                    records.forEach(r -> seen.add(text(r)));
                    return true;
                },
                error -> {})) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
            append(2, "new");
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 5);
            assertThat(stream.running()).isTrue();
        }
        assertThat(seen).containsExactly("old0", "old1", "old2", "new0", "new1");
    }

    @Test
    void shouldStartAtLatestOrAtAnOffset() {
        append(5, "a");
        List<String> fromLatest = new CopyOnWriteArrayList<>();
        List<String> fromOffset = new CopyOnWriteArrayList<>();

        try (ChannelStream latest = ChannelStream.subscribe(
                        channel,
                        0,
                        new StartPosition.Latest(),
                        10,
                        records -> {
                            records.forEach(r -> fromLatest.add(text(r)));
                            return true;
                        },
                        error -> {});
                ChannelStream offset = ChannelStream.subscribe(
                        channel,
                        0,
                        new StartPosition.AtOffset(3),
                        10,
                        records -> {
                            records.forEach(r -> fromOffset.add(text(r)));
                            return true;
                        },
                        error -> {})) {
            append(1, "b");
            await().atMost(Duration.ofSeconds(10)).until(() -> fromLatest.size() == 1 && fromOffset.size() == 3);
        }
        assertThat(fromLatest).containsExactly("b0");
        assertThat(fromOffset).containsExactly("a3", "a4", "b0");
    }

    @Test
    void shouldNotReadAheadOfASlowHandler() throws Exception {
        append(100, "r");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handed = new AtomicInteger();

        try (ChannelStream stream = ChannelStream.subscribe(
                channel,
                null,
                new StartPosition.Earliest(),
                10,
                records -> {
                    handed.addAndGet(records.size());
                    return release.await(10, TimeUnit.SECONDS);
                },
                error -> {})) {
            await().atMost(Duration.ofSeconds(10)).until(() -> handed.get() == 10);
            // The handler holds its first batch: nothing more is read until it returns.
            assertThat(handed.get()).isEqualTo(10);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> handed.get() == 100);
        }
    }

    @Test
    void shouldEndWhenTheHandlerSaysSoAndReportErrors() {
        append(3, "x");
        List<Exception> ends = new CopyOnWriteArrayList<>();

        ChannelStream stopped =
                ChannelStream.subscribe(channel, null, new StartPosition.Earliest(), 1, records -> false, ends::add);
        ChannelStream failed = ChannelStream.subscribe(
                channel,
                null,
                new StartPosition.Earliest(),
                1,
                records -> {
                    throw new IllegalStateException("handler broke");
                },
                ends::add);

        await().atMost(Duration.ofSeconds(10)).until(() -> ends.size() == 2);
        assertThat(ends)
                .filteredOn(e -> e != null)
                .extracting(Exception::getMessage)
                .containsExactly("handler broke");
        await().atMost(Duration.ofSeconds(10)).until(() -> !stopped.running() && !failed.running());
    }

    @Test
    void shouldParseStartPositions() {
        assertThat(StartPosition.parse("earliest")).contains(new StartPosition.Earliest());
        assertThat(StartPosition.parse("latest")).contains(new StartPosition.Latest());
        assertThat(StartPosition.parse("42")).contains(new StartPosition.AtOffset(42));
        assertThat(StartPosition.parse("2026-01-01T00:00:00Z"))
                .contains(new StartPosition.AtTime(java.time.Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(StartPosition.parse("yesterday")).isEmpty();
    }
}
