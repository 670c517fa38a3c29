package dev.flows.bench.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * W4b as WORKLOADS.md defines it: for each checkout start of order o at time s, {@code {order: o}} unless
 * an order placed of o has its time in [s, s + 30 min]. Compares each checkout with every placed time of its
 * order, once the whole input is known. Not thread-safe.
 */
final class AbandonedCheckouts {

    static final long WITHIN_MS = 30 * 60_000;

    /** A checkout start: which order, when. */
    private record Checkout(String order, long timeMs) {}

    private final List<Checkout> checkouts = new ArrayList<>();
    private final Map<String, List<Long>> placedByOrder = new HashMap<>();

    void accept(InputEvent event) {
        switch (event.type()) {
            case "shop.checkout.start" -> checkouts.add(new Checkout(event.text("order"), event.timeMs()));
            case "shop.order.placed" ->
                placedByOrder
                        .computeIfAbsent(event.text("order"), o -> new ArrayList<>())
                        .add(event.timeMs());
            default -> {}
        }
    }

    List<ObjectNode> abandoned() {
        List<ObjectNode> abandoned = new ArrayList<>();
        for (Checkout checkout : checkouts) {
            boolean placed = placedByOrder.getOrDefault(checkout.order(), List.of()).stream()
                    .anyMatch(time -> time >= checkout.timeMs() && time <= checkout.timeMs() + WITHIN_MS);
            if (!placed) {
                ObjectNode row = Rows.object();
                row.put("order", checkout.order());
                abandoned.add(row);
            }
        }
        return abandoned;
    }
}
