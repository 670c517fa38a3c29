package dev.flows.engine.format;

import dev.flows.api.event.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Measures on one thread, side by side in one JVM so that both see the same machine: encoding the events of a
 * JSON-lines file after a W2-like transform (a changed type, a derived double and string added to data, a partition
 * key extension) with Jackson's generator as before ({@link JacksonEncoder}) and as now; {@link JsonValues#encode}
 * of their data likewise; and decoding the lines with Jackson's default (shared deque) buffer-recycler pool, the
 * thread-local one and the hybrid one. Prints ns per event for each round and the median of the rounds after the first two.
 * Run by hand, not by the build:
 *
 * <pre>
 * java -Xmx8g -cp &lt;test classpath&gt; dev.flows.engine.format.JsonEventFormatFileBenchmark \
 *     /tmp/events.jsonl [events, 1000000] [rounds, 10]
 * </pre>
 */
public final class JsonEventFormatFileBenchmark {

    private static final String[] REGIONS = {"emea", "amer", "apac"};

    private static final JsonFactory SHARED_POOL = JsonFactory.builder()
            .streamReadConstraints(StrictJson.FACTORY.streamReadConstraints())
            .recyclerPool(JsonRecyclerPools.defaultPool())
            .build();
    private static final JsonFactory THREAD_LOCAL_POOL = JsonFactory.builder()
            .streamReadConstraints(StrictJson.FACTORY.streamReadConstraints())
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();
    private static final JsonFactory HYBRID_POOL = JsonFactory.builder()
            .streamReadConstraints(StrictJson.FACTORY.streamReadConstraints())
            .recyclerPool(JsonRecyclerPools.sharedHybridPool())
            .build();

    private JsonEventFormatFileBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args.length > 0 ? args[0] : "/tmp/events.jsonl");
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        JsonEventFormat format = new JsonEventFormat();
        List<byte[]> lines = lines(path, limit);
        Event[] events = new Event[lines.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = transform(format.decode(lines.get(i)));
            if (!Arrays.equals(format.encode(events[i]), JacksonEncoder.encode(events[i]))) {
                throw new AssertionError("event " + i + " encodes differently from Jackson: " + events[i]);
            }
        }
        Object[] data = Arrays.stream(events).map(Event::data).toArray();
        byte[][] lineArray = lines.toArray(byte[][]::new);
        System.out.printf("%,d events%n", events.length);
        String[] names = {
            "encode, Jackson (before)",
            "encode, FastJsonWriter",
            "JsonValues.encode(data), Jackson (before)",
            "JsonValues.encode(data), FastJsonWriter",
            "decode, shared-deque recycler pool",
            "decode, thread-local recycler pool",
            "decode, hybrid recycler pool (StrictJson's)"
        };
        double[][] nanos = new double[names.length][rounds];
        for (int round = 0; round < rounds; round++) {
            nanos[0][round] = time(events, event -> JacksonEncoder.encode(event).length);
            nanos[1][round] = time(events, event -> format.encode(event).length);
            nanos[2][round] = time(data, value -> JacksonEncoder.encodeValue(value).length);
            nanos[3][round] = time(data, value -> JsonValues.encode(value).length);
            nanos[4][round] = time(lineArray, line -> decode(SHARED_POOL, line));
            nanos[5][round] = time(lineArray, line -> decode(THREAD_LOCAL_POOL, line));
            nanos[6][round] = time(lineArray, line -> decode(HYBRID_POOL, line));
            StringBuilder report = new StringBuilder("round " + round + ":");
            for (double[] measured : nanos) {
                report.append(String.format(" %.0f", measured[round]));
            }
            System.out.println(report + " ns/event");
        }
        System.out.println("median of rounds 2 to " + (rounds - 1) + ", ns per event:");
        for (int i = 0; i < names.length; i++) {
            double[] steady = Arrays.copyOfRange(nanos[i], Math.min(2, rounds - 1), rounds);
            Arrays.sort(steady);
            System.out.printf("  %-45s %8.1f%n", names[i], steady[steady.length / 2]);
        }
    }

    private static <T> double time(T[] inputs, ToIntFunction<T> work) {
        long start = System.nanoTime();
        long sink = 0;
        for (T input : inputs) {
            sink += work.applyAsInt(input);
        }
        double nanos = (double) (System.nanoTime() - start) / inputs.length;
        if (sink == 42) {
            System.out.println("unlikely"); // keeps the results alive
        }
        return nanos;
    }

    /** As {@link JsonEventFormat#decode(byte[])} does, with a factory of the caller's choosing. */
    private static int decode(JsonFactory factory, byte[] line) {
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), line)) {
            parser.nextToken();
            return EventReader.read(parser, "", "").id().length();
        }
    }

    private static List<byte[]> lines(Path path, int limit) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path)) {
            for (String line = reader.readLine(); line != null && lines.size() < limit; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }

    /** What a filter-and-transform flow such as W2 emits: new type, enriched data, a partition key. */
    private static Event transform(Event event) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (event.data() instanceof Map<?, ?> map) {
            map.forEach((key, value) -> data.put(String.valueOf(key), value));
        }
        if (data.get("price") instanceof Number price && data.get("qty") instanceof Number qty) {
            data.put("total", price.doubleValue() * qty.doubleValue());
        }
        data.put(
                "region",
                REGIONS[Math.floorMod(String.valueOf(data.get("country")).hashCode(), REGIONS.length)]);
        Map<String, Object> extensions = new LinkedHashMap<>(event.extensions());
        extensions.put(Event.PARTITION_KEY, String.valueOf(data.get("user")));
        return new Event(
                event.id(),
                event.source(),
                event.type() + ".routed",
                event.specVersion(),
                event.subject(),
                event.time(),
                event.dataContentType(),
                event.dataSchema(),
                extensions,
                data);
    }
}
