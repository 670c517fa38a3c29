package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.engine.stream.ChannelStream;
import dev.flows.engine.stream.StartPosition;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /channels/{name}/stream[?from=latest|earliest|OFFSET|TIME][&partition=P]}: a live Server-Sent
 * Events stream of a channel, on a {@link ChannelStream}. Each SSE message carries one {@link RecordView} as
 * data and {@code partition-offset} as its id. Writing to a slow client blocks its partition readers, so a
 * slow client never makes the server buffer more than one batch per partition.
 */
final class StreamRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);
    private static final int BATCH = 200;

    private final ChannelResolver channels;
    private final JsonMapper json;
    private final Set<ChannelStream> streams = ConcurrentHashMap.newKeySet();

    StreamRoutes(ChannelBackend backend, JsonMapper json) {
        this.channels = new ChannelResolver(backend);
        this.json = json;
    }

    void register(RoutesConfig routes) {
        // Checked before the stream starts, so that a wrong name or position gets a plain problem document.
        routes.before("/channels/{name}/stream", ctx -> {
            Channel channel = channels.require(ctx.pathParam("name"));
            start(ctx.queryParam("from"));
            QueryParameters.partitionParam(ctx, channel.partitions());
        });
        routes.sse("/channels/{name}/stream", this::subscribe, Access.on(Verb.CONSUME));
    }

    static StartPosition start(String from) {
        if (from == null || from.isEmpty()) {
            return new StartPosition.Latest();
        }
        return StartPosition.parse(from)
                .orElseThrow(() -> ApiException.badRequest(
                        "invalid-parameter",
                        "query parameter 'from' is '" + from
                                + "'; use latest (the default), earliest, an offset such as 42, or a time such as"
                                + " 2026-01-01T00:00:00Z"));
    }

    private void subscribe(SseClient client) {
        var ctx = client.ctx();
        Channel channel = channels.require(ctx.pathParam("name"));
        client.keepAlive();
        ChannelStream stream = ChannelStream.subscribe(
                channel,
                QueryParameters.partitionParam(ctx, channel.partitions()),
                start(ctx.queryParam("from")),
                BATCH,
                records -> send(client, records),
                error -> {
                    if (error != null) {
                        LOG.warn("stream of channel '{}' stopped: {}", channel.name(), error.getMessage());
                    }
                    synchronized (client) {
                        client.close();
                    }
                });
        streams.add(stream);
        client.onClose(() -> {
            streams.remove(stream);
            // Not here: this may run on a partition reader holding the client's lock (a reader that ended closes
            // the client), and closing joins the other readers, which may be waiting for that lock.
            Thread.ofVirtual().name("stream-close-" + channel.name()).start(stream::close);
        });
    }

    private boolean send(SseClient client, List<ChannelRecord> records) {
        for (ChannelRecord record : records) {
            String data = json.writeValueAsString(RecordView.of(record));
            synchronized (client) {
                if (client.terminated()) {
                    return false;
                }
                client.sendData(data, record.partition() + "-" + record.offset());
            }
        }
        return true;
    }

    /** Ends every open stream. */
    @Override
    public void close() {
        streams.forEach(ChannelStream::close);
    }
}
