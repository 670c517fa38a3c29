package dev.flows.analytics;

import dev.flows.api.channel.Append;
import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.Durability;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.SourceLocation;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An embedded log on a temporary directory with a channel of shop orders, for the tests of this module. */
public final class ShopLog implements AutoCloseable {

    /** The event time of order {@code n}: one a second from 2026-01-01T00:00:00Z. */
    public static Instant timeOf(int n) {
        return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n);
    }

    /** Page cache only: these tests do not crash the machine, and fsync would only slow them. */
    private static final ChannelPolicy FAST = ChannelPolicy.DEFAULT.withDurability(Durability.OS);

    private final EmbeddedLog log;

    public ShopLog(Path dir) {
        this.log = EmbeddedLog.open(dir, LogConfig.defaults());
    }

    public EmbeddedLog log() {
        return log;
    }

    /** Opens (creating) a channel. */
    public Channel channel(String name, int partitions) {
        return log.open(new ChannelDefinition(name, partitions, FAST, SourceLocation.JAVA));
    }

    /** Opens (creating) a compacted channel. */
    public Channel compacted(String name, int partitions) {
        ChannelPolicy policy = new ChannelPolicy(
                Durability.OS, 64L << 20, Duration.ofDays(7), null, -1, true, 5, Duration.ofSeconds(30), "dead");
        return log.open(new ChannelDefinition(name, partitions, policy, SourceLocation.JAVA));
    }

    /**
     * The CloudEvent of order {@code n} as Flows stores it: type {@code shop.order.placed} (every third one
     * {@code shop.cart.add}), subject {@code u<n % 7>}, amount {@code n * 1.5}, an extension {@code region}.
     */
    public static String order(int n) {
        String type = n % 3 == 0 ? "shop.cart.add" : "shop.order.placed";
        return String.format(
                Locale.ROOT,
                "{\"specversion\":\"1.0\",\"id\":\"e%d\",\"source\":\"/shop\",\"type\":\"%s\",\"subject\":\"u%d\","
                        + "\"time\":\"%s\",\"datacontenttype\":\"application/json\",\"region\":\"eu\","
                        + "\"data\":{\"order\":\"o%d\",\"amount\":%s,\"items\":[\"a\",\"b\"]}}",
                n,
                type,
                n % 7,
                timeOf(n),
                n,
                Double.toString(n * 1.5));
    }

    /** Appends orders {@code from} to {@code to} (exclusive), keyed by subject. */
    public static void append(Channel channel, int from, int to) {
        List<Append> records = new ArrayList<>();
        for (int n = from; n < to; n++) {
            records.add(new Append(
                    ("u" + n % 7).getBytes(StandardCharsets.UTF_8),
                    order(n).getBytes(StandardCharsets.UTF_8),
                    1_700_000_000_000L + n));
        }
        channel.append(records);
    }

    @Override
    public void close() {
        log.close();
    }
}
