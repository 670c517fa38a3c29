package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code POST /channels/{name}/events} does once a front end has read the request's parts: find the
 * channel (refusing Flows' own), decode a structured or batch body, carry the request's trace context onto
 * the events, append them through {@link EventIngest} and write the answer. Both front ends use it, Javalin's
 * {@link IngestRoutes} and the {@link IngestFastPath} ahead of it, so the two cannot drift apart.
 * Thread-safe.
 */
final class ChannelPost {

    /** The path of the route, for Javalin. */
    static final String PATH = "/channels/{name}/events";

    /** What the route requires of the caller: produce on the channel. */
    static final Access ACCESS = Access.on(Verb.PRODUCE);

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    /** Flows' own channels: flows read them, only Flows writes them. */
    static final String RESERVED_PREFIX = "flows.";

    /** The most events one batch may hold: larger batches would hold the partitions' append locks too long. */
    static final int MAX_BATCH_EVENTS = 10_000;

    private final ChannelResolver channels;
    private final JsonEventFormat format;
    private final EventIngest ingest;

    ChannelPost(ChannelResolver channels, JsonEventFormat format, EventIngest ingest) {
        this.channels = channels;
        this.format = format;
        this.ingest = ingest;
    }

    /** The event format, for binary mode, which the Javalin route decodes from its headers. */
    JsonEventFormat format() {
        return format;
    }

    /**
     * The channel events may be posted to.
     *
     * @throws ApiException 404 for an unknown channel, 403 for one of Flows' own
     */
    Channel channel(String name) {
        Channel channel = channels.require(name);
        if (channel.name().startsWith(RESERVED_PREFIX)) {
            throw ApiException.forbidden(
                    "reserved-channel",
                    "channel '" + channel.name() + "' is written by Flows itself (schedules, system events, dead"
                            + " letters), so events cannot be posted to it; post to a channel of your own");
        }
        return channel;
    }

    /** Whether a media type (as {@link #mediaType} gives it) is one {@link #decode} takes. */
    static boolean decodes(String mediaType) {
        return mediaType.equals(STRUCTURED) || mediaType.equals(BATCH);
    }

    /**
     * The events of a structured or batch body.
     *
     * @throws ApiException 415 for another media type, 413 for a batch over {@value #MAX_BATCH_EVENTS} events
     */
    List<Event> decode(String mediaType, byte[] body) {
        return switch (mediaType) {
            case STRUCTURED -> List.of(format.decodeForStorage(body));
            case BATCH -> batchWithinLimit(format.decodeBatchForStorage(body));
            default -> throw unsupported(mediaType);
        };
    }

    /** The 415 for a body that is neither structured, batch nor binary mode. */
    static ApiException unsupported(String mediaType) {
        return ApiException.unsupportedMediaType("Content-Type '" + mediaType
                + "' is not accepted here; send one CloudEvent as " + STRUCTURED
                + " or a JSON array of them as "
                + BATCH + ", or send the data with the attributes in ce-* headers (binary mode)");
    }

    /**
     * Appends the events with the request's trace context, once durable, and answers where each one is.
     *
     * @param batch       whether the body was a batch (problems then point at {@code /3/data/...})
     * @param traceparent the request's {@code traceparent} header; null when absent
     * @param tracestate  the request's {@code tracestate} header; null when absent
     * @return the answer's JSON
     */
    byte[] append(Channel channel, List<Event> events, boolean batch, String traceparent, String tracestate) {
        List<Event> traced = events;
        if (traceparent != null) {
            traced = new ArrayList<>(events.size());
            for (Event event : events) {
                traced.add(TraceContext.carry(event, traceparent, tracestate));
            }
        }
        EventIngest.IngestResult result =
                batch ? ingest.append(channel, traced) : ingest.append(channel, traced.getFirst());
        return result.toJson();
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
