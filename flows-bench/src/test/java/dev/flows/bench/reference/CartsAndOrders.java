package dev.flows.bench.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * W2 as WORKLOADS.md defines it, computed directly: each cart add gives {@code {id, user, item, qty, price,
 * total, region}} with total = round2(price * qty), each order placed {@code {id, user, order, amount,
 * region}}, everything else nothing. Arithmetic is on the decimal text, so total is exact. A country outside
 * the table gets region "OTHER", as the bench flow decides. Not thread-safe.
 */
final class CartsAndOrders {

    /** The region table of WORKLOADS.md. */
    static final Map<String, String> REGIONS = Map.ofEntries(
            Map.entry("DE", "EU"),
            Map.entry("FR", "EU"),
            Map.entry("NL", "EU"),
            Map.entry("SE", "EU"),
            Map.entry("PL", "EU"),
            Map.entry("ES", "EU"),
            Map.entry("IT", "EU"),
            Map.entry("CH", "EU"),
            Map.entry("AT", "EU"),
            Map.entry("BE", "EU"),
            Map.entry("DK", "EU"),
            Map.entry("NO", "EU"),
            Map.entry("FI", "EU"),
            Map.entry("GB", "EU"),
            Map.entry("US", "NA"),
            Map.entry("CA", "NA"),
            Map.entry("JP", "APAC"),
            Map.entry("IN", "APAC"),
            Map.entry("AU", "APAC"),
            Map.entry("BR", "LATAM"));

    private final List<ObjectNode> carts = new ArrayList<>();
    private final List<ObjectNode> orders = new ArrayList<>();

    void accept(InputEvent event) {
        switch (event.type()) {
            case "shop.cart.add" -> carts.add(cart(event));
            case "shop.order.placed" -> orders.add(order(event));
            default -> {}
        }
    }

    List<ObjectNode> carts() {
        return carts;
    }

    List<ObjectNode> orders() {
        return orders;
    }

    private static ObjectNode cart(InputEvent event) {
        BigDecimal price = event.data().get("price").decimalValue();
        long qty = event.data().get("qty").longValue();
        ObjectNode row = Rows.object();
        row.put("id", event.id());
        row.put("user", event.text("user"));
        row.put("item", event.text("item"));
        row.put("qty", qty);
        row.put("price", price);
        row.put("total", BigDecimal.valueOf(Cents.round2(price, qty), 2));
        row.put("region", region(event));
        return row;
    }

    private static ObjectNode order(InputEvent event) {
        ObjectNode row = Rows.object();
        row.put("id", event.id());
        row.put("user", event.text("user"));
        row.put("order", event.text("order"));
        row.put("amount", event.data().get("amount").decimalValue());
        row.put("region", region(event));
        return row;
    }

    private static String region(InputEvent event) {
        return REGIONS.getOrDefault(event.text("country"), "OTHER");
    }
}
