package dev.flows.workflow.decision;

import dev.flows.api.event.Event;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.workflow.Workflow;
import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.expression.CelCompiler;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** The test workflow {@code orders} (resources/workflows/orders.yaml) and events for it. */
public final class Orders {

    public static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private Orders() {}

    public static Path directory() {
        try {
            return Path.of(Orders.class.getResource("/workflows").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    public static FlowSet flowSet() {
        return FlowDirectory.load(directory(), Map.of(), new CelCompiler());
    }

    public static Workflow workflow() {
        return flowSet().workflows().getFirst();
    }

    public static Decider decider() {
        return new Decider(new CompiledWorkflow(workflow(), new CelCompiler()));
    }

    public static Event placed(String order, long amount) {
        return event("p-" + order, "shop.order.placed", order, amount);
    }

    public static Event paid(String order, long amount) {
        return event("pay-" + order + "-" + amount, "shop.payment.succeeded", order, amount);
    }

    public static Event event(String id, String type, String order, long amount) {
        return new Event(
                id,
                "/shop",
                type,
                Event.SPEC_VERSION,
                "user-1",
                T0,
                "application/json",
                null,
                Map.of(),
                Map.of("order", order, "amount", amount));
    }
}
