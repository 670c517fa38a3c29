package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.channel.ConsumerGroup;
import dev.flows.engine.stream.StartPosition;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /channels} (each channel with its partitions and sizes) and
 * {@code GET /channels/{name}/events?from=OFFSET|TIME|earliest&limit=N[&partition=P]} (stored events from an
 * offset, or from a time per the time index) or {@code ?group=G} (from the group's committed offsets; the
 * reader commits {@code next} through {@link GroupRoutes} once it has handled the events).
 */
final class ChannelRoutes {

    static final int MAX_LIMIT = 10_000;

    private final ChannelBackend backend;
    private final ChannelResolver channels;

    ChannelRoutes(ChannelBackend backend) {
        this.backend = backend;
        this.channels = new ChannelResolver(backend);
    }

    void register(RoutesConfig routes) {
        routes.get("/channels", this::list, Access.ANY_TOKEN);
        routes.get("/channels/{name}/events", this::read, Access.on(Verb.CONSUME));
    }

    private void list(Context ctx) {
        List<ChannelSummary> summaries = new ArrayList<>();
        for (Channel channel : backend.channels()) {
            List<Long> ends = new ArrayList<>();
            long events = 0;
            for (int p = 0; p < channel.partitions(); p++) {
                long end = channel.endOffset(p);
                ends.add(end);
                events += end - channel.startOffset(p);
            }
            summaries.add(new ChannelSummary(channel.name(), channel.partitions(), events, channel.sizeBytes(), ends));
        }
        ctx.json(Map.of("channels", summaries));
    }

    /**
     * Reads from {@code from} in each asked partition (all by default, in partition order) until
     * {@code limit} events; {@code next} gives the offset to continue from in each partition.
     */
    private void read(Context ctx) {
        Channel channel = channels.require(ctx.pathParam("name"));
        StartPosition from = ctx.queryParam("from") == null
                ? new StartPosition.Earliest()
                : StreamRoutes.start(ctx.queryParam("from"));
        int limit = (int) QueryParameters.longParam(ctx, "limit", 100, 1, MAX_LIMIT);
        Integer only = QueryParameters.partitionParam(ctx, channel.partitions());
        ConsumerGroup group =
                ctx.queryParam("group") == null ? null : GroupRoutes.group(channel, ctx.queryParam("group"));
        List<RecordView> events = new ArrayList<>();
        Map<String, Long> next = new LinkedHashMap<>();
        for (int p = 0; p < channel.partitions(); p++) {
            if (only != null && only != p) {
                continue;
            }
            long position = group == null
                    ? from.resolve(channel, p)
                    : Math.max(group.committed(p).orElse(0), channel.startOffset(p));
            List<ChannelRecord> records =
                    events.size() < limit ? channel.read(p, position, limit - events.size()) : List.of();
            records.forEach(r -> events.add(RecordView.of(r)));
            next.put(
                    Integer.toString(p),
                    records.isEmpty() ? position : records.getLast().offset() + 1);
        }
        ctx.json(new ReadResult(channel.name(), events, next));
    }

    /** One line of the channel list. */
    record ChannelSummary(String name, int partitions, long events, long bytes, List<Long> endOffsets) {}

    /** The answer to a read. */
    record ReadResult(String channel, List<RecordView> events, Map<String, Long> next) {}
}
