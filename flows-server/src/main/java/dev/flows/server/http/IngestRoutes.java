package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.event.Event;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code POST /channels/{name}/events}: CloudEvents in structured mode (one event), batch mode (a JSON
 * array) or binary mode ({@code ce-*} headers, the body as data), answered once every event is durable, with
 * the position of each. A body with any invalid event appends nothing. The request's W3C trace context goes
 * on each event ({@link TraceContext}). The channel's ingest checks (rate limit, schema, dedupe) are
 * {@link EventIngest}'s; a body over the server's size limit is refused with 413 before it is read.
 *
 * <p>Structured and batch bodies with a {@code Content-Length} are taken by {@link IngestFastPath} before
 * they reach Javalin; this route answers the rest (binary mode, chunked bodies, wrong media types) the same
 * way, through the same {@link ChannelPost}.
 */
final class IngestRoutes {

    private final ChannelPost post;

    IngestRoutes(ChannelPost post) {
        this.post = post;
    }

    void register(RoutesConfig routes) {
        routes.post(ChannelPost.PATH, this::post, ChannelPost.ACCESS);
    }

    private void post(Context ctx) {
        Channel channel = post.channel(ctx.pathParam("name"));
        String mediaType = ChannelPost.mediaType(ctx.contentType());
        List<Event> events = decode(ctx, mediaType);
        byte[] answer = post.append(
                channel,
                events,
                mediaType.equals(ChannelPost.BATCH),
                ctx.header(TraceContext.TRACEPARENT),
                ctx.header(TraceContext.TRACESTATE));
        ctx.contentType("application/json").result(answer);
    }

    private List<Event> decode(Context ctx, String mediaType) {
        if (ChannelPost.decodes(mediaType)) {
            return post.decode(mediaType, RequestBody.read(ctx));
        }
        if (BinaryModeEvent.applies(ctx.headerMap())) {
            return List.of(
                    BinaryModeEvent.decode(ctx.headerMap(), ctx.contentType(), RequestBody.read(ctx), post.format()));
        }
        throw ChannelPost.unsupported(mediaType);
    }
}
