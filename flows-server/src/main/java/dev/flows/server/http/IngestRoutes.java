package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /channels/{name}/events}: CloudEvents in structured mode (one event), batch mode (a JSON
 * array) or binary mode ({@code ce-*} headers, the body as data), answered once every event is durable, with
 * the position of each. A body with any invalid event appends nothing. The request's W3C trace context goes
 * on each event ({@link TraceContext}). The channel's ingest checks (rate limit, schema, dedupe) are
 * {@link EventIngest}'s; a body over the server's size limit is refused with 413 before it is read.
 */
final class IngestRoutes {

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    /** Flows' own channels: flows read them, only Flows writes them. */
    static final String RESERVED_PREFIX = "flows.";

    /** The most events one batch may hold: larger batches would hold the partitions' append locks too long. */
    static final int MAX_BATCH_EVENTS = 10_000;

    private final ChannelResolver channels;
    private final JsonEventFormat format;
    private final EventIngest ingest;

    IngestRoutes(ChannelResolver channels, JsonEventFormat format, EventIngest ingest) {
        this.channels = channels;
        this.format = format;
        this.ingest = ingest;
    }

    void register(RoutesConfig routes) {
        routes.post("/channels/{name}/events", this::post, Access.on(Verb.PRODUCE));
    }

    private void post(Context ctx) {
        Channel channel = channels.require(ctx.pathParam("name"));
        if (channel.name().startsWith(RESERVED_PREFIX)) {
            throw ApiException.forbidden(
                    "reserved-channel",
                    "channel '" + channel.name() + "' is written by Flows itself (schedules, system events, dead"
                            + " letters), so events cannot be posted to it; post to a channel of your own");
        }
        String traceparent = ctx.header(TraceContext.TRACEPARENT);
        String tracestate = ctx.header(TraceContext.TRACESTATE);
        List<Event> events = decode(ctx).stream()
                .map(event -> TraceContext.carry(event, traceparent, tracestate))
                .toList();
        boolean batch = mediaType(ctx.contentType()).equals(BATCH);
        EventIngest.IngestResult result =
                batch ? ingest.append(channel, events) : ingest.append(channel, events.getFirst());
        // Written by the engine's JSON writer, not Jackson's data binding: at 100 events per request the
        // answer costs as much to write as the events cost to store (measured with JFR on W5).
        ctx.contentType("application/json").result(result.toJson());
    }

    private List<Event> decode(Context ctx) {
        String mediaType = mediaType(ctx.contentType());
        if (!mediaType.equals(STRUCTURED) && !mediaType.equals(BATCH) && BinaryModeEvent.applies(ctx.headerMap())) {
            return List.of(BinaryModeEvent.decode(ctx.headerMap(), ctx.contentType(), RequestBody.read(ctx), format));
        }
        return switch (mediaType) {
            case STRUCTURED -> List.of(format.decode(RequestBody.read(ctx)));
            case BATCH -> batchWithinLimit(format.decodeBatch(RequestBody.read(ctx)));
            default ->
                throw ApiException.unsupportedMediaType("Content-Type '" + mediaType
                        + "' is not accepted here; send one CloudEvent as " + STRUCTURED
                        + " or a JSON array of them as "
                        + BATCH + ", or send the data with the attributes in ce-* headers (binary mode)");
        };
    }

    private static List<Event> batchWithinLimit(List<Event> events) {
        if (events.size() > MAX_BATCH_EVENTS) {
            throw ApiException.tooLarge(
                    "batch-too-large",
                    "the batch holds " + events.size() + " events, more than the " + MAX_BATCH_EVENTS
                            + " one request may carry; nothing was stored, send it as several batches");
        }
        return events;
    }

    /** The media type of a Content-Type, lower case, without parameters; "" when there is none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }
}
