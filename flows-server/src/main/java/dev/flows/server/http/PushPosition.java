package dev.flows.server.http;

import dev.flows.api.channel.Channel;
import dev.flows.engine.stream.StartPosition;
import dev.flows.server.push.PushCursor;
import io.javalin.http.Context;

/**
 * Where a push subscriber starts: after the id it last received ({@code Last-Event-ID}, which a browser's
 * EventSource sends by itself when it reconnects, else {@code ?after=}), or else at {@code ?from=} ({@code
 * latest}, the default: new notifications only; {@code earliest}; an offset; a time). Stateless.
 */
final class PushPosition {

    private PushPosition() {}

    /**
     * The subscriber's cursor.
     *
     * @throws ApiException 400 when the id or {@code from} is not one this channel can start at
     */
    static PushCursor of(Context ctx, Channel channel) {
        String header = ctx.header("Last-Event-ID");
        String after = ctx.queryParam("after");
        boolean fromHeader = header != null && !header.isBlank();
        String resume = fromHeader ? header : after;
        if (resume != null && !resume.isBlank()) {
            try {
                return PushCursor.parse(resume, channel.partitions());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(
                        "invalid-resume-id",
                        (fromHeader ? "header Last-Event-ID" : "query parameter 'after'") + " is '" + resume
                                + "', which is not the id of a notification of channel '" + channel.name() + "': "
                                + e.getMessage() + "; resume with the id of the last notification received, such as"
                                + " 0-17 or 0-17.1-4");
            }
        }
        StartPosition start = StreamRoutes.start(ctx.queryParam("from"));
        long[] next = new long[channel.partitions()];
        for (int p = 0; p < next.length; p++) {
            next[p] = start.resolve(channel, p);
        }
        return PushCursor.at(next);
    }
}
