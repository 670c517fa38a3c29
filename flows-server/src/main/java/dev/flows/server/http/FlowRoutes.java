package dev.flows.server.http;

import dev.flows.engine.runtime.FlowRuntime;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** {@code GET /flows} (each running flow and what it has done) and {@code GET /health}. */
record FlowRoutes(FlowRuntime runtime) {

    void register(RoutesConfig routes) {
        routes.get("/flows", ctx -> ctx.json(Map.of("flows", runtime.status())), Access.anyName(Verb.ADMIN));
        routes.get("/health", ctx -> ctx.json(Map.of("status", "UP")), Access.PUBLIC);
    }
}
