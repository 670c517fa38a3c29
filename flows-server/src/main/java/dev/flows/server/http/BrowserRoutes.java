package dev.flows.server.http;

import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.server.auth.Access;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * What web pages use: the browser script, the route it posts events to, and a demo page. None of these
 * routes takes a token, since a page's visitors have none; a channel opts in with
 * {@code browser: { origins: [...] }} and {@link BrowserOrigins} decides which pages may post.
 *
 * <ul>
 *   <li>{@code GET /sdk/flows.js}: the script, {@code src/main/resources/sdk/flows.js}
 *   <li>{@code POST /sdk/channels/{name}/events}: a JSON array of up to {@value BrowserBatch#MAX_EVENTS}
 *       CloudEvents as {@code text/plain}, from an allowed origin; answered like {@code POST
 *       /channels/{name}/events}, with {@code Access-Control-Allow-Origin}
 *   <li>{@code OPTIONS /sdk/channels/{name}/events}: the CORS preflight, for clients that send another
 *       content type
 *   <li>{@code GET /demo[?channel=NAME]}: a small shop page that uses the script and shows the channel live
 * </ul>
 */
public final class BrowserRoutes {

    /** The script's path. */
    public static final String SCRIPT = "/sdk/flows.js";

    /** The path the script posts events to. */
    public static final String EVENTS = "/sdk/channels/{name}/events";

    /** The demo page's path. */
    public static final String DEMO = "/demo";

    private final ChannelResolver channels;
    private final JsonEventFormat format;
    private final EventIngest ingest;
    private final StaticResource script =
            new StaticResource("sdk/flows.js", "text/javascript; charset=utf-8", "public, max-age=600");
    private final StaticResource demo = new StaticResource("demo/index.html", "text/html; charset=utf-8", "no-cache");

    BrowserRoutes(ChannelResolver channels, JsonEventFormat format, EventIngest ingest) {
        this.channels = channels;
        this.format = format;
        this.ingest = ingest;
    }

    void register(RoutesConfig routes) {
        // Public: pages post without a token; the channel's browser origins decide instead.
        routes.get(SCRIPT, this::script, Access.PUBLIC);
        routes.get(DEMO, demo::serve, Access.PUBLIC);
        routes.post(EVENTS, this::post, Access.PUBLIC);
        routes.options(EVENTS, this::preflight, Access.PUBLIC);
    }

    private void script(Context ctx) {
        // Pages that isolate themselves (Cross-Origin-Embedder-Policy) load only scripts that allow it.
        ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
        script.serve(ctx);
    }

    private void post(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null) {
            // Also on refusals and on the problems below: a page must be able to read why its events were
            // refused, or its script could only take the answer for a network failure and retry forever. The
            // answer tells a refused page nothing but that it is refused.
            allowOrigin(ctx, origin);
        }
        switch (verdict(ctx)) {
            case BrowserOrigins.Refused refused -> forbidden(ctx, refused);
            case BrowserOrigins.Allowed allowed -> {
                List<Event> events =
                        BrowserBatch.decode(format, ctx.contentType(), RequestBody.read(ctx), allowed.origin());
                EventIngest.IngestResult result = ingest.append(channels.require(ctx.pathParam("name")), events);
                ctx.contentType("application/json").result(result.toJson());
            }
        }
    }

    private void preflight(Context ctx) {
        switch (verdict(ctx)) {
            case BrowserOrigins.Refused refused -> forbidden(ctx, refused);
            case BrowserOrigins.Allowed allowed -> {
                allowOrigin(ctx, ctx.header("Origin"));
                ctx.header("Access-Control-Allow-Methods", "POST");
                ctx.header("Access-Control-Allow-Headers", "Content-Type");
                ctx.header("Access-Control-Max-Age", "600");
                ctx.status(204);
            }
        }
    }

    private BrowserOrigins.Verdict verdict(Context ctx) {
        String name = ctx.pathParam("name");
        String ownOrigin = ctx.scheme() + "://" + ctx.header("Host");
        return BrowserOrigins.check(name, ingest.policy(name), ctx.header("Origin"), ownOrigin);
    }

    private static void allowOrigin(Context ctx, String origin) {
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
    }

    private static void forbidden(Context ctx, BrowserOrigins.Refused refused) {
        ctx.status(403);
        ctx.json(new ProblemDetails(
                "urn:flows:problem:" + refused.kind(), "Forbidden", 403, refused.detail(), ctx.path(), null));
        ctx.contentType(ProblemDetails.MEDIA_TYPE);
    }
}
