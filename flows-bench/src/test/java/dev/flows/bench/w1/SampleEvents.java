package dev.flows.bench.w1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes events in the shape GenEvents.java writes them, deterministically, for the tests (W1 and W5). */
public final class SampleEvents {

    private static final String[] TYPES = {"shop.page.view", "shop.cart.add", "shop.order.placed"};

    private SampleEvents() {}

    /** Writes {@code count} events to {@code file}, one a line, and returns their total size without line breaks. */
    public static long write(Path file, int count) throws IOException {
        List<String> lines = new ArrayList<>(count);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String line = line(i);
            lines.add(line);
            bytes += line.getBytes(StandardCharsets.UTF_8).length;
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return bytes;
    }

    private static String line(int i) {
        String user = String.format(Locale.ROOT, "u%06d", (i * 7919) % 97);
        String data = String.format(
                Locale.ROOT,
                "{\"user\":\"%s\",\"session\":\"s%08d\",\"country\":\"DE\",\"item\":\"sku-%04d\",\"price\":%.2f,\"qty\":1}",
                user,
                i / 5,
                i % 5000,
                1 + i % 199 + 0.5);
        return String.format(
                Locale.ROOT,
                "{\"specversion\":\"1.0\",\"id\":\"e%09d\",\"source\":\"/shop/web\",\"type\":\"%s\",\"time\":\"%s\","
                        + "\"subject\":\"%s\",\"datacontenttype\":\"application/json\",\"data\":%s}",
                i,
                TYPES[i % TYPES.length],
                Instant.parse("2026-01-01T00:00:00Z").plusMillis(i * 37L),
                user,
                data);
    }
}
