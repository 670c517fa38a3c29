package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Flow;
import dev.flows.api.state.StateUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one flow in the caller's thread over events the caller passes in, with the same compiler, steps,
 * event time and outputs as the runtime's tasks: for {@code FlowTestDriver}, {@code flows test} and the
 * benchmarks. Outputs go where the flow says (channels of the context's backend, tables of its state store,
 * sinks) when {@link #flush()} is called. Processing time comes from the context's clock, so a test can move
 * it. There is no checkpoint and no replay: a local run starts from empty state. Not thread-safe.
 */
public final class LocalFlow {

    private static final int FLUSH_AT = 10_000;
    private static final int SOURCE = 0;
    private static final int JOINED = 1;

    private final CompiledFlow flow;
    private final FlowRuntime.Context context;
    private final FlowCounters counters = new FlowCounters();
    private final Pipeline pipeline;
    private final WatermarkTracker watermarks;
    private final List<Emission> pending = new ArrayList<>();
    private final EventScanner scanner = new EventScanner();

    private LocalFlow(CompiledFlow flow, FlowRuntime.Context context) {
        this.flow = flow;
        this.context = context;
        this.pipeline = flow.newPipeline(counters);
        pipeline.withoutCheckpoints();
        var time = flow.flow().time();
        this.watermarks = new WatermarkTracker(
                flow.joined() == null ? 1 : 2,
                time.maxOutOfOrder().toMillis(),
                time.idleTimeout().toMillis(),
                context.clock().millis());
    }

    /**
     * Compiles a flow against the context's channels, state store and sinks.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if an expression does not compile
     * @throws dev.flows.api.error.ConfigurationException if a channel the flow uses is not open
     */
    public static LocalFlow compile(Flow flow, FlowRuntime.Context context) {
        return new LocalFlow(
                CompiledFlow.compile(
                        flow,
                        context.channels(),
                        context.state(),
                        context.format(),
                        context.cel(),
                        context.sinks(),
                        context.flowDirectory(),
                        context.systemEvents()),
                context);
    }

    /** Processes one event of the flow's source, given as stored (structured CloudEvents JSON). */
    public void accept(byte[] json) {
        process(FlowEvent.ofJson(json, scanner), SOURCE);
    }

    /**
     * Processes one event of the flow's source, {@code length} bytes of {@code buffer} from {@code offset}.
     * The bytes must not change until the next {@link #flush()}: outputs may still refer to them.
     */
    public void accept(byte[] buffer, int offset, int length) {
        process(FlowEvent.ofJson(buffer, offset, length, scanner), SOURCE);
    }

    /** Processes one event of the flow's source. */
    public void accept(Event event) {
        process(FlowEvent.of(event), SOURCE);
    }

    /**
     * Processes one event of the channel the flow's join step reads.
     *
     * @throws IllegalStateException if the flow has no join step
     */
    public void acceptJoined(Event event) {
        if (flow.joined() == null) {
            throw new IllegalStateException("flow '" + flow.name() + "' has no join step");
        }
        FlowEvent joined = FlowEvent.of(event);
        joined.markJoined();
        process(joined, JOINED);
    }

    /**
     * Re-reads the clock: an input that has been silent for the flow's idle timeout no longer holds the
     * watermark back, which may close windows and decide absences.
     */
    public void tick() {
        if (flow.stateful()) {
            pipeline.advance(watermark(context.clock().millis()));
        }
        collect();
    }

    /** The clock in processing time, else what the inputs say. */
    private long watermark(long now) {
        return flow.eventTime().processing() ? now : watermarks.current(now);
    }

    /** Ends the input: the watermark goes to the end of time, so every window closes and every absence is decided. */
    public void endOfInput() {
        if (flow.stateful()) {
            pipeline.advance(Long.MAX_VALUE);
        }
        collect();
    }

    /** The watermark the steps have seen, epoch milliseconds, or {@code Long.MIN_VALUE}. */
    public long watermark() {
        return pipeline.watermark();
    }

    /** Keys held by the stateful steps. */
    public long stateSize() {
        return pipeline.stateSize();
    }

    /** Events the flow dead-lettered or sent to a late channel so far. */
    public long deadLettered() {
        return counters.deadLettered.sum() + counters.late.sum();
    }

    /**
     * Writes what the flow emitted since the last flush: channel appends, table rows, sink deliveries,
     * database rows.
     *
     * @throws InterruptedException if a sink's retry wait is interrupted
     */
    public void flush() throws InterruptedException {
        collect();
        if (pending.isEmpty()) {
            return;
        }
        Batch batch = new Batch(
                flow, context.state(), context.format(), context.clock().millis(), counters, () -> false);
        long sequence = 0;
        for (Emission emission : pending) {
            batch.add(emission, sequence++);
        }
        pending.clear();
        batch.deliverRows(); // never stops: nothing asks a local run to

        batch.appendAll();
        if (!batch.puts().isEmpty()) {
            context.state().apply(new StateUpdate(batch.puts(), List.of()));
        }
    }

    private void process(FlowEvent event, int input) {
        counters.processed.increment();
        if (flow.stateful()) {
            long time;
            try {
                time = flow.eventTime().read(event, context.clock().millis());
            } catch (dev.flows.engine.expression.ExpressionException e) {
                pipeline.reject(event, e.getMessage());
                collect();
                return;
            }
            event.time(time);
            long now = context.clock().millis();
            watermarks.observe(input, time, now);
            pipeline.accept(event);
            pipeline.advance(watermark(now));
        } else {
            pipeline.accept(event);
        }
        collect();
    }

    private void collect() {
        if (pipeline.hasEmissions()) {
            pending.addAll(pipeline.drain());
            if (pending.size() >= FLUSH_AT) {
                try {
                    flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
