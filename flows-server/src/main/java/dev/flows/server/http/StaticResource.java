package dev.flows.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file shipped in the server's jar, read once at startup and served with its media type, a cache policy
 * and a strong ETag, so a browser that has it gets 304 Not Modified. Immutable, thread-safe.
 */
final class StaticResource {

    private final byte[] bytes;
    private final String contentType;
    private final String cacheControl;
    private final String etag;

    /**
     * @throws IllegalStateException if the jar lacks the resource, which means the build packaged it wrong
     */
    StaticResource(String path, String contentType, String cacheControl) {
        this.bytes = read(path);
        this.contentType = contentType;
        this.cacheControl = cacheControl;
        this.etag = '"' + sha256(bytes).substring(0, 32) + '"';
    }

    /** Answers the request with the file, or 304 when the browser's copy is current. */
    void serve(Context ctx) {
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", etag);
        ctx.header("X-Content-Type-Options", "nosniff");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(contentType);
        ctx.result(bytes);
    }

    private static byte[] read(String path) {
        try (InputStream in = StaticResource.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource '" + path
                        + "' is missing from the classpath; the flows-server jar was built without"
                        + " src/main/resources, rebuild it with ./mvnw package");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read resource '" + path + "' from the classpath", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
