package dev.flows.server.http;

import dev.flows.engine.runtime.FlowRuntime;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** {@code GET /flows} (each running flow and what it has done) and {@code GET /health}. */
record FlowRoutes(FlowRuntime runtime) {

    void register(RoutesConfig routes) {
        routes.get("/flows", ctx -> ctx.json(Map.of("flows", runtime.status())));
        routes.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
    }
}
