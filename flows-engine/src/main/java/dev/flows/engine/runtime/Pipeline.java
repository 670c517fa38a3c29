package dev.flows.engine.runtime;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.StateUpdate;
import dev.flows.engine.expression.ExpressionException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stages of one flow in one task, chained: an event enters the first stage, each stage passes what it
 * makes to the next, and what leaves the last one goes to the flow's destinations. What the pipeline emits
 * is collected as {@link Emission}s for the task to write at its next commit. A stage's failure on an event is
 * handled here, by the step's {@code on-error}. Confined to the task's thread.
 */
final class Pipeline {

    private final CompiledFlow flow;
    private final Stage[] stages;
    private final Link[] links;
    private final FlowCounters counters;
    private final List<Emission> emissions = new ArrayList<>();
    private final int joinIndex;
    private long watermark = Long.MIN_VALUE;

    Pipeline(CompiledFlow flow, List<Stage> stages, FlowCounters counters) {
        this.flow = flow;
        this.stages = stages.toArray(Stage[]::new);
        this.counters = counters;
        this.links = new Link[this.stages.length];
        int join = -1;
        for (int i = 0; i < links.length; i++) {
            links[i] = new Link(i);
            if (this.stages[i] instanceof JoinStage) {
                join = i;
            }
        }
        this.joinIndex = join;
    }

    /**
     * Runs one input event through the steps. An event of the joined channel enters at the join step: the
     * steps before it shape the flow's own source.
     */
    void accept(FlowEvent event) {
        run(event.joined() ? joinIndex : 0, event);
    }

    /** Sends an event the flow cannot process at all (it has no event time) to the dead-letter channel. */
    void reject(FlowEvent event, String reason) {
        deadLetter(event, reason);
    }

    /** The event-time watermark the stages have been told, or {@code Long.MIN_VALUE}. */
    long watermark() {
        return watermark;
    }

    /** Tells every stage, in order, that event time has reached {@code next}; ignores a watermark going back. */
    void advance(long next) {
        if (next <= watermark) {
            return;
        }
        watermark = next;
        for (int i = 0; i < stages.length; i++) {
            stages[i].onWatermark(next, links[i]);
        }
    }

    /** What was emitted since the last call, in order; the list is handed over. */
    List<Emission> drain() {
        List<Emission> drained = new ArrayList<>(emissions);
        emissions.clear();
        return drained;
    }

    /** Whether emissions are waiting. */
    boolean hasEmissions() {
        return !emissions.isEmpty();
    }

    void checkpoint(List<StateUpdate.Put> puts) {
        for (Stage stage : stages) {
            stage.checkpoint(puts);
        }
    }

    void restore(StateStore state) {
        for (Stage stage : stages) {
            stage.restore(state);
        }
    }

    /** For a run that never checkpoints: the stages stop recording what changed. */
    void withoutCheckpoints() {
        for (Stage stage : stages) {
            stage.withoutCheckpoints();
        }
    }

    long stateSize() {
        long size = 0;
        for (Stage stage : stages) {
            size += stage.stateSize();
        }
        return size;
    }

    private void run(int index, FlowEvent event) {
        if (index == stages.length) {
            for (Output output : flow.outputs()) {
                emissions.add(new Emission(event, output));
            }
            return;
        }
        try {
            stages[index].onEvent(event, links[index]);
        } catch (ExpressionException e) {
            failed(index, event, e.getMessage());
        } catch (InvalidEventException e) {
            // Only a damaged stored record gets here (ingest validated it): it cannot be dead-lettered whole.
            counters.skipped.increment();
            counters.lastError = flow.name() + ": skipped an event that does not decode: " + e.getMessage();
        }
    }

    private void failed(int index, FlowEvent event, String reason) {
        var step = stages[index].step();
        switch (step.onError()) {
            case FAIL ->
                throw new StepFailedException("flow '" + flow.name() + "', step at " + step.location()
                        + " failed on event " + event.event().id() + " and its on-error is fail: " + reason
                        + "; fix the flow or the event and restart the flow, or set on-error to skip or dead-letter");
            case SKIP -> counters.skipped.increment();
            case DEAD_LETTER -> deadLetter(event, reason);
        }
    }

    private void deadLetter(FlowEvent event, String reason) {
        FlowEvent dead = event.changed(DeadLetter.of(event.event(), flow.name(), reason));
        Output output = flow.deadLetterOutput();
        emissions.add(new Emission(dead, output));
        counters.deadLettered.increment();
        flow.deadLettered(
                event.event().id(), ((Output.ToChannel) output).channel().name(), reason);
    }

    /** The downstream of stage {@code index}. */
    private final class Link implements Downstream {

        private final int index;

        Link(int index) {
            this.index = index;
        }

        @Override
        public void next(FlowEvent event) {
            run(index + 1, event);
        }

        @Override
        public void to(FlowEvent event, List<Output> outputs) {
            for (Output output : outputs) {
                emissions.add(new Emission(event, output));
            }
        }

        @Override
        public void failed(FlowEvent event, String reason) {
            Pipeline.this.failed(index, event, reason);
        }

        @Override
        public void late(FlowEvent event, String reason) {
            Output late = flow.lateOutput(index);
            if (late == null) {
                deadLetter(event, reason);
            } else {
                emissions.add(new Emission(event.changed(DeadLetter.of(event.event(), flow.name(), reason)), late));
                counters.late.increment();
            }
        }
    }
}
