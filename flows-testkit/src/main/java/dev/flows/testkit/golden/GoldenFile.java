package dev.flows.testkit.golden;

import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonValues;
import dev.flows.testkit.FlowTestDriver;
import dev.flows.testkit.WebhookCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Golden output as JSON lines, one {@link Emitted} per line: what a flow emitted, read from a driver, written
 * as text and read back. A line names its target with one of {@code channel}, {@code webhook} or {@code
 * table}; a line without one is about the flow's only destination channel, when it has exactly one.
 *
 * <pre>
 * {"channel": "alerts", "type": "shop.checkout.abandoned", "data": {"order": "o1"}}
 * {"type": "shop.checkout.abandoned", "data": {"order": "o3"}}
 * {"table": "revenue", "key": "u1", "row": {"orders": 2, "revenue": 40.5}}
 * {"webhook": "https://hooks.example.com/big", "type": "shop.order.placed", "data": {"amount": 620.0}}
 * </pre>
 *
 * A webhook is named by its URL without user information and query, which may hold secrets. Blank lines are
 * skipped. Stateless.
 */
public final class GoldenFile {

    private static final Set<String> TARGETS = Set.of(Emitted.CHANNEL, Emitted.WEBHOOK, Emitted.TABLE);

    private GoldenFile() {}

    /**
     * Everything the driver's flow has emitted, numbered as {@link #format} writes it: every channel that
     * received events, in name order (the dead-letter and late channels too); then the webhook calls, in call
     * order; then the rows of every table the flow wrote, by table and key.
     */
    public static List<Emitted> emitted(FlowTestDriver driver) {
        List<Emitted> emitted = new ArrayList<>();
        for (String channel : driver.channels()) {
            for (Event event : driver.output(channel)) {
                emitted.add(new Emitted(Emitted.CHANNEL + " " + channel, typeAndData(event), emitted.size() + 1));
            }
        }
        for (WebhookCall call : driver.webhookCalls()) {
            emitted.add(new Emitted(
                    Emitted.WEBHOOK + " " + shownUrl(call.url()), typeAndData(call.event()), emitted.size() + 1));
        }
        for (String table : driver.tables()) {
            for (Map.Entry<String, Object> row : driver.table(table).entrySet()) {
                Map<String, Object> compared = new LinkedHashMap<>();
                compared.put("key", row.getKey());
                compared.put("row", row.getValue());
                emitted.add(new Emitted(Emitted.TABLE + " " + table, compared, emitted.size() + 1));
            }
        }
        return emitted;
    }

    /** One JSON object per line, target first, each line ending with {@code \n}. */
    public static String format(List<Emitted> emitted) {
        StringBuilder text = new StringBuilder();
        for (Emitted line : emitted) {
            text.append(json(line)).append('\n');
        }
        return text.toString();
    }

    /** One line as {@link #format} writes it, without the line break. */
    public static String json(Emitted line) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put(line.kind(), line.name());
        object.putAll(line.compared());
        return new String(JsonValues.encode(object), StandardCharsets.UTF_8);
    }

    /**
     * Reads a golden file.
     *
     * @param defaultChannel the channel of lines that name no target, or null when every line must name one
     * @throws GoldenFileException at the first line that is not golden output
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<Emitted> read(Path file, String defaultChannel) {
        try {
            return read(file.toString(), Files.readString(file), defaultChannel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads golden lines.
     *
     * @param fileName how messages name the text
     * @throws GoldenFileException at the first line that is not golden output
     */
    public static List<Emitted> read(String fileName, String text, String defaultChannel) {
        List<Emitted> lines = new ArrayList<>();
        String[] split = text.split("\n", -1);
        for (int i = 0; i < split.length; i++) {
            if (!split[i].isBlank()) {
                lines.add(line(fileName + ":" + (i + 1) + ": ", split[i], i + 1, defaultChannel));
            }
        }
        return lines;
    }

    private static Emitted line(String where, String text, int number, String defaultChannel) {
        Object value;
        try {
            value = JsonValues.decode(text.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new GoldenFileException(where + "not JSON: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new GoldenFileException(where + "expected a JSON object such as " + EXAMPLE);
        }
        Map<String, Object> members = new LinkedHashMap<>();
        map.forEach((key, member) -> members.put((String) key, member));
        String target = target(where, members, defaultChannel);
        return new Emitted(target, compared(where, target, members), number);
    }

    private static final String EXAMPLE = "{\"channel\": \"alerts\", \"type\": \"shop.alert\", \"data\": {}}";

    private static String target(String where, Map<String, Object> members, String defaultChannel) {
        List<String> named =
                members.keySet().stream().filter(TARGETS::contains).sorted().toList();
        if (named.size() > 1) {
            throw new GoldenFileException(where + "names " + String.join(" and ", named)
                    + "; a line is about one target: channel, webhook or table");
        }
        if (named.isEmpty()) {
            if (defaultChannel == null) {
                throw new GoldenFileException(where + "names no channel, and the flow does not write to exactly one;"
                        + " add \"channel\": \"<name>\", e.g. " + EXAMPLE);
            }
            return Emitted.CHANNEL + " " + defaultChannel;
        }
        String kind = named.getFirst();
        if (!(members.remove(kind) instanceof String name) || name.isEmpty()) {
            throw new GoldenFileException(where + "\"" + kind + "\" must be a name (a string), e.g. " + EXAMPLE);
        }
        return kind + " " + name;
    }

    private static Map<String, Object> compared(String where, String target, Map<String, Object> members) {
        boolean table = target.startsWith(Emitted.TABLE + " ");
        List<String> allowed = table ? List.of("key", "row") : List.of("type", "data");
        for (String member : members.keySet()) {
            if (!allowed.contains(member)) {
                throw new GoldenFileException(where + "has \"" + member + "\", which is not compared; a "
                        + (table
                                ? "table line has table, key and row"
                                : "line has channel (or webhook), type and data"));
            }
        }
        String first = allowed.getFirst();
        if (!(members.get(first) instanceof String)) {
            throw new GoldenFileException(where + "needs \"" + first + "\", a string");
        }
        Map<String, Object> compared = new LinkedHashMap<>();
        compared.put(first, members.get(first));
        compared.put(allowed.get(1), members.get(allowed.get(1)));
        return compared;
    }

    /**
     * The URL without user information and query, as {@code flows explain} shows it: both may hold secrets
     * from the environment ({@code ?token=${TOKEN}}), which a golden file must not keep.
     */
    static String shownUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return url;
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return uri.getScheme() + "://" + uri.getHost() + port + path + (uri.getRawQuery() == null ? "" : "?...");
        } catch (URISyntaxException e) {
            return url;
        }
    }

    private static Map<String, Object> typeAndData(Event event) {
        Map<String, Object> compared = new LinkedHashMap<>();
        compared.put("type", event.type());
        compared.put("data", event.data());
        return compared;
    }
}
