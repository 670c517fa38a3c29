package dev.flows.log.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.ChannelQueue;
import dev.flows.api.channel.ConsumerGroup;
import dev.flows.api.channel.Durability;
import dev.flows.api.channel.Lease;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queues and groups as a channel of the embedded log hands them out. */
class ChannelConsumersTest {

    private static final ChannelPolicy ONE_DELIVERY = new ChannelPolicy(
            Durability.FSYNC, 64L << 20, Duration.ofDays(7), null, -1, false, 1, Duration.ofSeconds(30), "shop.dlq");

    @TempDir
    Path directory;

    @Test
    void shouldHandOutOneQueueAndOneGroupPerNameUnderTheChannelDirectory() {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(new ChannelDefinition("shop", 2, SourceLocation.JAVA));

            ChannelQueue queue = shop.queue("billing");
            ConsumerGroup group = shop.group("search-index");

            assertThat(shop.queue("billing")).isSameAs(queue);
            assertThat(shop.queue("audit")).isNotSameAs(queue);
            assertThat(shop.group("search-index")).isSameAs(group);
            assertThat(queue.name()).isEqualTo("billing");
            assertThat(group.name()).isEqualTo("search-index");
            assertThat(directory.resolve("shop/queues/billing/" + QueueJournal.FILE_NAME))
                    .isRegularFile();
            assertThat(directory.resolve("shop/groups/search-index.offsets")).isRegularFile();
        }
    }

    @Test
    void shouldKeepGroupOffsetsAndQueueAcksWhenTheLogReopens() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(new ChannelDefinition("shop", 2, SourceLocation.JAVA));
            shop.append(List.of(new Append(null, new byte[] {1}, 0), new Append(null, new byte[] {2}, 0)));
            shop.group("search-index").commit(1, 42);
            ChannelQueue queue = shop.queue("billing");
            for (Lease lease : queue.poll(10, Duration.ZERO)) {
                queue.ack(lease);
            }
        }

        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(new ChannelDefinition("shop", 2, SourceLocation.JAVA));

            assertThat(shop.group("search-index").committed(1)).isEqualTo(OptionalLong.of(42));
            assertThat(shop.group("search-index").committed(0)).isEmpty();
            assertThat(shop.queue("billing").stats().acked()).isEqualTo(2);
            assertThat(shop.queue("billing").poll(10, Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void shouldTakeDeliveriesFromThePolicyAndDeadLetterToTheChannelItNames() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(new ChannelDefinition("shop", 1, ONE_DELIVERY, SourceLocation.JAVA));
            Channel dead = log.open(new ChannelDefinition("shop.dlq", 1, SourceLocation.JAVA));
            shop.append(List.of(new Append(null, new byte[] {7}, 0)));
            ChannelQueue queue = shop.queue("billing");

            assertThat(queue.nack(queue.poll(1, Duration.ZERO).getFirst(), "bad"))
                    .isTrue();

            assertThat(dead.read(0, 0, 10)).hasSize(1);
            assertThat(queue.stats().deadLettered()).isEqualTo(1);
        }
    }

    @Test
    void shouldSayWhichDeadLetterChannelToOpenWhenItIsMissing() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(new ChannelDefinition("shop", 1, ONE_DELIVERY, SourceLocation.JAVA));
            shop.append(List.of(new Append(null, new byte[] {7}, 0)));
            ChannelQueue queue = shop.queue("billing");
            Lease lease = queue.poll(1, Duration.ZERO).getFirst();

            assertThatThrownBy(() -> queue.nack(lease, "bad"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'shop.dlq', which is not open")
                    .hasMessageContaining("open 'shop.dlq'");

            log.open(new ChannelDefinition("shop.dlq", 1, SourceLocation.JAVA));
            assertThat(queue.nack(lease, "bad")).isTrue();
        }
    }

    @Test
    void shouldCloseQueuesAndGroupsWithTheLog() {
        ChannelQueue queue;
        ConsumerGroup group;
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(new ChannelDefinition("shop", 1, SourceLocation.JAVA));
            queue = shop.queue("billing");
            group = shop.group("search-index");
        }

        assertThatThrownBy(() -> queue.poll(1, Duration.ZERO)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> group.commit(0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void shouldRefuseBadNames() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(directory, LogConfig.defaults())) {
            Channel shop = log.open(new ChannelDefinition("shop", 1, SourceLocation.JAVA));

            assertThatThrownBy(() -> shop.group("../escape"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("consumer group name '../escape' is not allowed");
            assertThatThrownBy(() -> shop.queue("Upper"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("queue name 'Upper' is not allowed");
            assertThat(Files.exists(directory.resolve("escape.offsets"))).isFalse();
        }
    }
}
