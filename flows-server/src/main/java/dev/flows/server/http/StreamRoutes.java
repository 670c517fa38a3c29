package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ChannelRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /channels/{name}/stream[?from=latest|earliest|OFFSET][&partition=P]}: a live Server-Sent Events
 * stream of a channel. Each SSE message carries one {@link RecordView} as data and {@code partition-offset}
 * as its id. One virtual thread per partition pushes records as they become durable; a comment every
 * {@link #KEEP_ALIVE} lets a dead client be noticed.
 */
final class StreamRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);
    private static final Duration WAIT = Duration.ofMillis(500);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int BATCH = 200;

    private final ChannelResolver channels;
    private final JsonMapper json;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    StreamRoutes(ChannelBackend backend, JsonMapper json) {
        this.channels = new ChannelResolver(backend);
        this.json = json;
    }

    void register(RoutesConfig routes) {
        // Checked before the stream starts, so that a wrong name gets a plain 404 problem document.
        routes.before("/channels/{name}/stream", ctx -> channels.require(ctx.pathParam("name")));
        routes.sse("/channels/{name}/stream", this::subscribe);
    }

    private void subscribe(SseClient client) {
        var ctx = client.ctx();
        Channel channel = channels.require(ctx.pathParam("name"));
        String from = ctx.queryParam("from") == null ? "latest" : ctx.queryParam("from");
        Integer only = QueryParameters.partitionParam(ctx, channel.partitions());
        long offset = "latest".equals(from) || "earliest".equals(from)
                ? -1
                : QueryParameters.longParam(ctx, "from", -1, 0, Long.MAX_VALUE);
        client.keepAlive();
        clients.add(client);
        client.onClose(() -> clients.remove(client));
        for (int p = 0; p < channel.partitions(); p++) {
            if (only == null || only == p) {
                long start = switch (from) {
                    case "latest" -> channel.endOffset(p);
                    case "earliest" -> channel.startOffset(p);
                    default -> Math.max(offset, channel.startOffset(p));
                };
                int partition = p;
                Thread.ofVirtual()
                        .name("sse-" + channel.name() + "-" + p)
                        .start(() -> pump(client, channel, partition, start));
            }
        }
    }

    private void pump(SseClient client, Channel channel, int partition, long start) {
        long next = start;
        Instant lastSent = Instant.now();
        try {
            while (open && !client.terminated()) {
                List<ChannelRecord> records = channel.read(partition, next, BATCH);
                for (ChannelRecord record : records) {
                    String data = json.writeValueAsString(RecordView.of(record));
                    synchronized (client) {
                        client.sendData(data, record.partition() + "-" + record.offset());
                    }
                    next = record.offset() + 1;
                }
                if (!records.isEmpty()) {
                    lastSent = Instant.now();
                } else if (!channel.awaitRecords(partition, next, WAIT)
                        && Duration.between(lastSent, Instant.now()).compareTo(KEEP_ALIVE) > 0) {
                    synchronized (client) {
                        client.sendComment("keep-alive");
                    }
                    lastSent = Instant.now();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn(
                    "stream of channel '{}' partition {} stopped at offset {}: {}",
                    channel.name(),
                    partition,
                    next,
                    e.getMessage());
        } finally {
            synchronized (client) {
                client.close();
            }
        }
    }

    /** Ends every open stream. */
    @Override
    public void close() {
        open = false;
        clients.forEach(client -> {
            synchronized (client) {
                client.close();
            }
        });
    }
}
