package dev.flows.server.http;

import dev.flows.analytics.Analytics;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.IngestPolicy;
import dev.flows.api.state.StateStore;
import dev.flows.api.system.SystemEvents;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.runtime.FlowRuntime;
import dev.flows.engine.schema.EventSchema;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.AccessCheck;
import dev.flows.server.auth.ApiTokens;
import dev.flows.server.auth.Authorizer;
import dev.flows.server.auth.PushSecret;
import dev.flows.server.delivery.Redrive;
import dev.flows.workflow.runtime.WorkflowRuntime;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson3;
import io.javalin.security.Roles;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API: every route, and the mapping of every failure to an RFC 9457 problem document. Built once by
 * the server's assembly; {@link #start} binds the port.
 */
public final class HttpApi implements AutoCloseable {

    /** Marks a response whose problem document is written, so the 404 fallback leaves it alone. */
    private static final String PROBLEM_WRITTEN = "flows.problem";

    private final Javalin app;
    private final StreamRoutes streams;
    private final TableRoutes tables;
    private final PushRoutes push;

    /**
     * What the API serves.
     *
     * @param systemEvents where a refused append (a full disk) is reported
     * @param cel          compiles the filters of table reads
     * @param redrive      redrives flows' given-up notifications; null answers {@code POST /flows/{flow}/redrive}
     *                     with 409
     * @param pushSecret   what browsers' push subscriptions are signed with; null when the server has none
     * @param analytics    SQL over history, exports and continuous aggregates; null leaves their routes out
     * @param workflows    the running workflows
     */
    public record Parts(
            ChannelBackend channels,
            FlowSet flows,
            ApiTokens tokens,
            StateStore state,
            Map<String, IngestPolicy> ingestPolicies,
            Map<String, EventSchema> schemas,
            Set<String> tables,
            FlowRuntime runtime,
            JsonEventFormat format,
            Clock clock,
            long maxBodyBytes,
            SystemEvents systemEvents,
            CelCompiler cel,
            Redrive redrive,
            PushSecret pushSecret,
            Analytics analytics,
            WorkflowRuntime workflows) {}

    public HttpApi(Parts parts) {
        JsonMapper json = JsonMapper.builder().build();
        this.streams = new StreamRoutes(parts.channels(), json);
        this.tables = new TableRoutes(parts.state(), parts.tables(), parts.cel(), json);
        ChannelResolver resolver = new ChannelResolver(parts.channels());
        this.push = new PushRoutes(
                parts.channels(),
                parts.ingestPolicies(),
                new PushAccess(parts.tokens(), parts.pushSecret(), parts.clock()),
                PushRoutes.HEARTBEAT);
        Authorizer authorizer = new Authorizer(parts.tokens());
        ApiProblems problems = new ApiProblems(parts.systemEvents());
        EventIngest ingest = new EventIngest(parts.format(), parts.clock(), parts.ingestPolicies(), parts.schemas());
        ChannelPost post = new ChannelPost(resolver, parts.format(), ingest);
        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = parts.maxBodyBytes();
            config.jsonMapper(new JavalinJackson3(json, false));
            config.startup.showJavalinBanner = false;
            // The fast path wraps the whole server: Javalin then attaches its servlet context inside it, so
            // the hot route skips the servlet stack's request and response wrappers too.
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyProblems());
                server.setHandler(new IngestFastPath(post, authorizer, problems, json, parts.maxBodyBytes()));
            });
            RoutesConfig routes = config.routes;
            routes.beforeMatched(new AccessCheck(authorizer));
            BodyLimit.register(routes, parts.maxBodyBytes());
            new IngestRoutes(post).register(routes);
            new BrowserRoutes(resolver, parts.format(), ingest).register(routes);
            new ChannelRoutes(parts.channels()).register(routes);
            new ChannelAdminRoutes(parts.channels(), parts.flows(), json).register(routes);
            streams.register(routes);
            push.register(routes);
            new QueueRoutes(parts.channels(), json).register(routes);
            new GroupRoutes(parts.channels(), json).register(routes);
            tables.register(routes);
            new FlowRoutes(parts.runtime()).register(routes);
            new DeliveryRoutes(parts.channels(), parts.format(), parts.redrive()).register(routes);
            if (parts.analytics() != null) {
                Analytics analytics = parts.analytics();
                new SqlRoutes(analytics.sql(), json).register(routes);
                new ExportRoutes(analytics.export(), resolver).register(routes);
                new AggregateRoutes(analytics.aggregates(), analytics.series(), parts.state()).register(routes);
            }
            new WorkflowRoutes(parts.workflows()).register(routes);
            registerProblems(routes, problems, parts.maxBodyBytes());
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
        tables.close();
        push.close();
        app.stop();
    }

    /** Every HTTP route with the access it declares (null when it declares none, which is refused). */
    public List<Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> new Route(
                        endpoint.method.name(),
                        endpoint.path,
                        Optional.ofNullable(endpoint.metadata(Roles.class)).stream()
                                .flatMap(roles -> roles.getRoles().stream())
                                .filter(Access.class::isInstance)
                                .map(Access.class::cast)
                                .findFirst()
                                .orElse(null)))
                .toList();
    }

    /**
     * A route.
     *
     * @param method HTTP method, such as {@code POST}
     * @param path   the path pattern, such as {@code /channels/{name}/events}
     * @param access what it requires of the caller; null when it declares nothing (then it is refused)
     */
    public record Route(String method, String path, Access access) {}

    private static void registerProblems(RoutesConfig routes, ApiProblems problems, long maxBodyBytes) {
        routes.exception(
                HttpResponseException.class,
                (e, ctx) -> problem(
                        ctx,
                        ApiProblems.answer(
                                e.getStatus(),
                                Map.of(),
                                "http-" + e.getStatus(),
                                e.getMessage(),
                                detailOf(e, ctx),
                                ctx.path()),
                        maxBodyBytes));
        routes.exception(
                Exception.class,
                (e, ctx) -> problem(
                        ctx,
                        problems.answer(
                                e,
                                ctx.method().name(),
                                ctx.path(),
                                ctx.pathParamMap().get("name")),
                        maxBodyBytes));
        routes.error(404, ctx -> {
            if (ctx.attribute(PROBLEM_WRITTEN) == null) {
                problem(
                        ctx,
                        ApiProblems.answer(
                                404,
                                Map.of(),
                                "no-such-route",
                                "Not found",
                                "there is no " + ctx.method() + " " + ctx.path()
                                        + "; the API has /channels, /channels/{name}, /channels/{name}/events, /channels/{name}/stream, /channels/{name}/queues/{queue}, /channels/{name}/groups/{group}, /channels/{name}/export, /tables, /analytics, /sql, /flows, /workflows, /deliveries and /health",
                                ctx.path()),
                        maxBodyBytes);
            }
        });
    }

    /**
     * Reads and drops what is left of the body of a request refused before its body was read (no token, the wrong
     * media type), at most {@code maxBodyBytes}. A server that answers and closes while the client is still sending
     * resets the connection, and the client can lose the answer (a broken pipe, "no bytes" read); one that keeps
     * unread bytes cannot reuse the connection.
     *
     * @return whether the body was read to its end, so the connection can serve the next request
     */
    private static boolean bodyDrained(Context ctx, long maxBodyBytes) {
        if (ctx.req().getContentLengthLong() > maxBodyBytes) {
            return false; // refused for its size: not worth reading
        }
        try {
            ServletInputStream in = ctx.req().getInputStream();
            byte[] discard = new byte[8192];
            for (long left = maxBodyBytes + 1; !in.isFinished(); ) {
                int read = in.read(discard, 0, (int) Math.min(discard.length, left));
                if (read < 0) {
                    return true;
                }
                left -= read;
                if (left == 0) {
                    return false; // over the limit: Jetty closes the connection after the answer
                }
            }
            return true;
        } catch (IOException | IllegalStateException | UncheckedIOException e) {
            return false; // read as text through a reader, or the connection failed: do not reuse it
        }
    }

    private static String detailOf(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 413) {
            return "the body of " + ctx.method() + " " + ctx.path()
                    + " is larger than this server accepts; send smaller batches, or raise --max-body-bytes";
        }
        return e.getMessage();
    }

    private static void problem(Context ctx, ProblemAnswer answer, long maxBodyBytes) {
        ctx.attribute(PROBLEM_WRITTEN, Boolean.TRUE);
        answer.headers().forEach(ctx::header);
        if (!bodyDrained(ctx, maxBodyBytes)) {
            ctx.header("Connection", "close");
        }
        ctx.status(answer.status());
        ctx.json(answer.body());
        ctx.contentType(ProblemDetails.MEDIA_TYPE);
    }
}
