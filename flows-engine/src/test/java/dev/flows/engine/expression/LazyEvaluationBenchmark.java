package dev.flows.engine.expression;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Expression;
import dev.flows.engine.format.JsonEventFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Measures the per-event path of a W2-like flow on one thread over the benchmark's CloudEvents JSON lines
 * ({@code java GenEvents.java 1000000 42 > /tmp/events.jsonl}): for each line, bind the variables, test {@code
 * type == "shop.cart.add" || type == "shop.order.placed"}, and for the events kept compute the total and read
 * the country. "before" decodes each event with Jackson, binds {@link EventVariables#of} and runs the CEL
 * interpreter; "after" binds {@link RawEventVariables} and runs the compiled tree. Run by hand, not by the build:
 *
 * <pre>
 * java -Xmx2g [-Dmode=before|decode|scan|after] -cp &lt;test classpath&gt; \
 *     dev.flows.engine.expression.LazyEvaluationBenchmark [/tmp/events.jsonl] [rounds]
 * </pre>
 *
 * <p>Modes: {@code before} and {@code after} as above, {@code decode} (Jackson decode and the tree, to separate
 * the two gains), {@code scan} ({@link RawEventVariables#reset} alone); all of them by default. Each round
 * prints events/s by the wall clock and per CPU second of the measuring thread, which is the figure to
 * compare on a machine other processes share.
 */
public final class LazyEvaluationBenchmark {

    static final String FILTER = "type == \"shop.cart.add\" || type == \"shop.order.placed\"";
    static final String TOTAL =
            "type == \"shop.cart.add\"" + " ? math.round(data.price * double(data.qty) * 100.0) / 100.0 : data.amount";
    static final String COUNTRY = "data.country";

    private LazyEvaluationBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args.length > 0 ? args[0] : "/tmp/events.jsonl");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] lines = Files.readAllBytes(path);
        CelCompiler cel = new CelCompiler();
        FastExpression filter = (FastExpression) cel.compile(Expression.of(FILTER), ResultType.BOOL);
        FastExpression total = (FastExpression) cel.compile(Expression.of(TOTAL), ResultType.ANY);
        FastExpression country = (FastExpression) cel.compile(Expression.of(COUNTRY), ResultType.ANY);
        String mode = System.getProperty("mode", "all");
        System.out.printf("%s: %,d bytes%n", path, lines.length);
        if (mode.equals("all") || mode.equals("before")) {
            run(
                    "before: Jackson decode + EventVariables.of + interpreter",
                    Math.min(rounds, 3),
                    lines,
                    new Before(filter.interpreter(), total.interpreter(), country.interpreter()));
        }
        if (mode.equals("all") || mode.equals("decode")) {
            run("decode: Jackson decode + EventVariables.of + tree", rounds, lines, new Before(filter, total, country));
        }
        if (mode.equals("all") || mode.equals("scan")) {
            run("scan only: RawEventVariables.reset", rounds, lines, new ScanOnly());
        }
        if (mode.equals("all") || mode.equals("after")) {
            run("after: RawEventVariables + tree", rounds, lines, new After(filter, total, country));
        }
    }

    /** What one event costs: takes the line, returns something to sum so that nothing is optimised away. */
    private interface PerEvent {
        long accept(byte[] buffer, int offset, int length);
    }

    /**
     * Runs {@code perEvent} over every line, {@code rounds} times. The lines are found before the clock starts:
     * the engine reads records whose lengths the log gives.
     */
    private static void run(String name, int rounds, byte[] lines, PerEvent perEvent) {
        int[] starts = lineStarts(lines);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long checksum = 0;
            int events = starts.length - 1;
            for (int i = 0; i < events; i++) {
                checksum += perEvent.accept(lines, starts[i], starts[i + 1] - starts[i] - 1);
            }
            long nanos = System.nanoTime() - start;
            long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
            // On a shared machine the wall clock counts other processes' time too; the thread's CPU time does not.
            System.out.printf(
                    "%s, round %d: %,d events in %.2f s = %,.0f events/s; per CPU second of this thread %,.0f"
                            + " (checksum %d)%n",
                    name, round, events, nanos / 1e9, events * 1e9 / nanos, events * 1e9 / cpuNanos, checksum);
        }
    }

    /** Where each line starts, and one past the end of the last (every line ends with '\\n'). */
    private static int[] lineStarts(byte[] lines) {
        int count = 0;
        for (byte b : lines) {
            if (b == '\n') {
                count++;
            }
        }
        int[] starts = new int[count + 1];
        int line = 1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    private static final class Before implements PerEvent {
        private final JsonEventFormat format = new JsonEventFormat();
        private final CompiledExpression filter;
        private final CompiledExpression total;
        private final CompiledExpression country;

        Before(CompiledExpression filter, CompiledExpression total, CompiledExpression country) {
            this.filter = filter;
            this.total = total;
            this.country = country;
        }

        @Override
        public long accept(byte[] buffer, int offset, int length) {
            Event event = format.decode(buffer, offset, length);
            Map<String, Object> variables = EventVariables.of(event);
            if (!filter.test(variables)) {
                return 0;
            }
            return Double.doubleToLongBits(((Number) total.evaluate(variables)).doubleValue())
                    + country.evaluate(variables).hashCode();
        }
    }

    private static final class ScanOnly implements PerEvent {
        private final RawEventVariables variables = new RawEventVariables();

        @Override
        public long accept(byte[] buffer, int offset, int length) {
            return variables.reset(buffer, offset, length).raw().dataPosition();
        }
    }

    private static final class After implements PerEvent {
        private final RawEventVariables variables = new RawEventVariables();
        private final CompiledExpression filter;
        private final CompiledExpression total;
        private final CompiledExpression country;

        After(CompiledExpression filter, CompiledExpression total, CompiledExpression country) {
            this.filter = filter;
            this.total = total;
            this.country = country;
        }

        @Override
        public long accept(byte[] buffer, int offset, int length) {
            variables.reset(buffer, offset, length);
            if (!filter.test(variables)) {
                return 0;
            }
            return Double.doubleToLongBits(((Number) total.evaluate(variables)).doubleValue())
                    + country.evaluate(variables).hashCode();
        }
    }
}
