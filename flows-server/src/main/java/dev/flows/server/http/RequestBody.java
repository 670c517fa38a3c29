package dev.flows.server.http;

import io.javalin.http.Context;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body once, into an array of its announced size when it has a {@code Content-Length}
 * ({@link BodyLimit} has checked that size), so that a batch is not copied through growing buffers; a chunked
 * body goes through Javalin, whose limit cuts it off.
 */
final class RequestBody {

    private RequestBody() {}

    static byte[] read(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length < 0) {
            return ctx.bodyAsBytes();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) {
                throw incomplete(ctx, body.length + " of the " + length + " bytes its Content-Length announced");
            }
            return body;
        } catch (EOFException e) {
            throw incomplete(ctx, "part of the " + length + " bytes its Content-Length announced");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiException incomplete(Context ctx, String received) {
        return ApiException.badRequest(
                "incomplete-body",
                "the body of " + ctx.method() + " " + ctx.path() + " ended after " + received
                        + " (did the client disconnect?); nothing was stored. Send the whole body");
    }
}
