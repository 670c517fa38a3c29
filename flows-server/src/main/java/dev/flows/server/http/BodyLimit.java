package dev.flows.server.http;

import io.javalin.config.RoutesConfig;

/**
 * Refuses with 413 a request whose {@code Content-Length} announces a body larger than the server accepts, before
 * a byte of the body is read. Javalin's own limit applies only while it reads a body, so without this a client
 * announcing a huge body would hold a request thread until it had sent the limit's worth. A body without a
 * length (chunked) is still cut off by Javalin's limit once it passes it. Stateless.
 */
final class BodyLimit {

    private BodyLimit() {}

    static void register(RoutesConfig routes, long maxBodyBytes) {
        routes.before(ctx -> {
            long announced = ctx.req().getContentLengthLong();
            if (announced > maxBodyBytes) {
                throw ApiException.tooLarge(
                        "body-too-large",
                        "the body of " + ctx.method() + " " + ctx.path() + " announces " + announced
                                + " bytes (Content-Length), more than the " + maxBodyBytes + " this server accepts;"
                                + " nothing of it was read or stored. Send smaller batches, or raise --max-body-bytes");
            }
        });
    }
}
