package dev.flows.server.http;

import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.error.InvalidEventException;
import dev.flows.api.error.StorageFullException;
import dev.flows.api.flow.IngestPolicy;
import dev.flows.api.state.StateStore;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.runtime.FlowRuntime;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson3;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API: every route, and the mapping of every failure to an RFC 9457 problem document. Built once by
 * the server's assembly; {@link #start} binds the port.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** Marks a response whose problem document is written, so the 404 fallback leaves it alone. */
    private static final String PROBLEM_WRITTEN = "flows.problem";

    private final Javalin app;
    private final StreamRoutes streams;

    /** What the API serves. */
    public record Parts(
            ChannelBackend channels,
            StateStore state,
            Map<String, IngestPolicy> ingestPolicies,
            Set<String> tables,
            FlowRuntime runtime,
            JsonEventFormat format,
            Clock clock,
            long maxBodyBytes) {}

    public HttpApi(Parts parts) {
        JsonMapper json = JsonMapper.builder().build();
        this.streams = new StreamRoutes(parts.channels(), json);
        ChannelResolver resolver = new ChannelResolver(parts.channels());
        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = parts.maxBodyBytes();
            config.jsonMapper(new JavalinJackson3(json, false));
            config.startup.showJavalinBanner = false;
            RoutesConfig routes = config.routes;
            EventIngest ingest = new EventIngest(parts.format(), parts.clock(), parts.ingestPolicies());
            new IngestRoutes(resolver, parts.format(), ingest).register(routes);
            new BrowserRoutes(resolver, parts.format(), ingest).register(routes);
            new ChannelRoutes(parts.channels()).register(routes);
            streams.register(routes);
            new QueueRoutes(parts.channels(), json).register(routes);
            new GroupRoutes(parts.channels(), json).register(routes);
            new TableRoutes(parts.state(), parts.tables()).register(routes);
            new FlowRoutes(parts.runtime()).register(routes);
            registerProblems(routes);
        });
    }

    /** Listens on the address; returns the port bound (useful with port 0). */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        streams.close();
        app.stop();
    }

    private static void registerProblems(RoutesConfig routes) {
        routes.exception(
                ApiException.class, (e, ctx) -> problem(ctx, e.status(), e.kind(), e.title(), e.getMessage(), null));
        routes.exception(
                InvalidEventException.class,
                (e, ctx) -> problem(ctx, 400, "invalid-event", "Invalid event", e.getMessage(), e.pointer()));
        routes.exception(
                HttpResponseException.class,
                (e, ctx) ->
                        problem(ctx, e.getStatus(), "http-" + e.getStatus(), e.getMessage(), detailOf(e, ctx), null));
        routes.exception(StorageFullException.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            problem(
                    ctx,
                    507,
                    "storage-full",
                    "Insufficient storage",
                    e.getMessage()
                            + "; nothing of this request was stored. Free disk space; appends resume by themselves",
                    null);
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            problem(
                    ctx,
                    500,
                    "internal-error",
                    "Internal error",
                    e.getMessage() + "; nothing was acknowledged, so retrying is safe. The server log has the details",
                    null);
        });
        routes.error(404, ctx -> {
            if (ctx.attribute(PROBLEM_WRITTEN) == null) {
                problem(
                        ctx,
                        404,
                        "no-such-route",
                        "Not found",
                        "there is no " + ctx.method() + " " + ctx.path()
                                + "; the API has /channels, /channels/{name}/events, /channels/{name}/stream, /channels/{name}/queues/{queue}, /channels/{name}/groups/{group}, /tables, /flows and /health",
                        null);
            }
        });
    }

    private static String detailOf(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 413) {
            return "the body of " + ctx.method() + " " + ctx.path()
                    + " is larger than this server accepts; send smaller batches, or raise --max-body-bytes";
        }
        return e.getMessage();
    }

    private static void problem(Context ctx, int status, String kind, String title, String detail, String pointer) {
        ctx.attribute(PROBLEM_WRITTEN, Boolean.TRUE);
        ctx.status(status);
        ctx.json(new ProblemDetails("urn:flows:problem:" + kind, title, status, detail, ctx.path(), pointer));
        ctx.contentType(ProblemDetails.MEDIA_TYPE);
    }
}
