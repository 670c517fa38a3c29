package dev.flows.bench.reference;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * W3 as WORKLOADS.md defines it, by simulating the watermark explicitly: events are taken in arrival order;
 * the watermark is the largest event time seen so far minus 2 s and never goes back; a cart add falls in the
 * tumbling minute [start, start + 60 s) aligned to the epoch and keyed by item, and is late (dropped, and
 * counted) when the watermark had already reached that minute's end before it came; a window is emitted once
 * the watermark reaches its end, and at the end of the input every window is. Revenue is summed in whole
 * cents, exactly, each addend being round2(price * qty). Not thread-safe.
 */
final class ItemMinutes {

    static final long WINDOW_MS = 60_000;
    static final long OUT_OF_ORDER_MS = 2_000;

    /** Open windows by end time, then by item. */
    private final TreeMap<Long, Map<String, Window>> open = new TreeMap<>();

    private final List<ObjectNode> rows = new ArrayList<>();
    private long maxSeen = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private long late;

    void accept(InputEvent event) {
        maxSeen = Math.max(maxSeen, event.timeMs());
        if (event.type().equals("shop.cart.add")) {
            add(event);
        }
        watermark = Math.max(watermark, maxSeen - OUT_OF_ORDER_MS);
        while (!open.isEmpty() && open.firstKey() <= watermark) {
            open.pollFirstEntry().getValue().values().forEach(window -> rows.add(window.row()));
        }
    }

    /** Every window, once the input has ended. */
    List<ObjectNode> rows() {
        open.values().forEach(windows -> windows.values().forEach(window -> rows.add(window.row())));
        open.clear();
        return rows;
    }

    /** Cart adds dropped as late. */
    long late() {
        return late;
    }

    private void add(InputEvent event) {
        long start = Math.floorDiv(event.timeMs(), WINDOW_MS) * WINDOW_MS;
        long end = start + WINDOW_MS;
        if (end <= watermark) {
            late++;
            return;
        }
        String item = event.text("item");
        Window window =
                open.computeIfAbsent(end, e -> new HashMap<>()).computeIfAbsent(item, i -> new Window(start, item));
        window.count++;
        window.cents += Cents.round2(
                event.data().get("price").decimalValue(),
                event.data().get("qty").longValue());
    }

    /** One open window. */
    private static final class Window {
        final long start;
        final String item;
        long count;
        long cents;

        Window(long start, String item) {
            this.start = start;
            this.item = item;
        }

        ObjectNode row() {
            ObjectNode row = Rows.object();
            row.put("window_start", Instant.ofEpochMilli(start).toString());
            row.put("item", item);
            row.put("count", count);
            row.put("revenue", BigDecimal.valueOf(cents, 2));
            return row;
        }
    }
}
