package dev.flows.engine.format;

import dev.flows.api.event.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures encode, decode and decode-for-storage (ingest's) throughput of a typical ~300-byte shop event on one
 * thread. Run by hand, not
 * by the build: {@code java -cp <test classpath> dev.flows.engine.format.JsonEventFormatBenchmark}.
 */
public final class JsonEventFormatBenchmark {

    private static final int ROUNDS = 5;
    private static final int EVENTS_PER_ROUND = 1_000_000;

    private JsonEventFormatBenchmark() {}

    static Event shopEvent() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", "SKU-10492");
        line.put("qty", 2L);
        line.put("price", 19.99);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", "order-1001");
        data.put("items", List.of(line));
        data.put("total", 19.99);
        data.put("currency", "EUR");
        return new Event(
                "5f0c2a9e-8d4b-4b1e",
                "/shop/checkout",
                "shop.order.placed",
                Event.SPEC_VERSION,
                "order-1001",
                Instant.parse("2024-05-01T12:30:00.123Z"),
                null,
                null,
                Map.of("partitionkey", "customer-7"),
                data);
    }

    public static void main(String[] args) {
        JsonEventFormat format = new JsonEventFormat();
        Event event = shopEvent();
        byte[] bytes = format.encode(event);
        System.out.println("event: " + bytes.length + " bytes");
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < EVENTS_PER_ROUND; i++) {
                sink += format.encode(event).length;
            }
            long encodeNanos = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < EVENTS_PER_ROUND; i++) {
                sink += format.decode(bytes).id().length();
            }
            long decodeNanos = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < EVENTS_PER_ROUND; i++) {
                sink += format.decodeForStorage(bytes).id().length();
            }
            long storageNanos = System.nanoTime() - start;
            System.out.printf(
                    "round %d: encode %,.0f events/s, decode %,.0f events/s, decode for storage %,.0f events/s%n",
                    round,
                    EVENTS_PER_ROUND * 1e9 / encodeNanos,
                    EVENTS_PER_ROUND * 1e9 / decodeNanos,
                    EVENTS_PER_ROUND * 1e9 / storageNanos);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
