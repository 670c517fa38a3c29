package dev.flows.workflow.runtime;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.Sink;
import dev.flows.api.workflow.WorkflowAction;
import dev.flows.engine.runtime.SinkFactory;
import dev.flows.workflow.decision.Command;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one workflow's outside steps (webhooks, emails, HTTP calls), each on a virtual thread of its own,
 * at least once, and hands their outcomes back to the task through a queue. A step in flight when Flows stops
 * is carried out again after the restart, with the same idempotency key. Thread-safe.
 */
final class StepRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    /** A step's outcome, for the task to turn into an input. */
    record Outcome(String key, String step, boolean ok, int attempts, String detail) {}

    private final String workflow;
    private final SinkFactory sinks;
    private final HttpCalls http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Map<Destination.Notification, Sink> opened = new IdentityHashMap<>();

    StepRunner(String workflow, SinkFactory sinks, OutboundCheck outbound) {
        this.workflow = workflow;
        this.sinks = sinks;
        this.http = new HttpCalls(outbound);
    }

    void start(Command.Call call) {
        threads.execute(() -> {
            try {
                outcomes.offer(run(call));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping: the step runs again after the restart
            } catch (RuntimeException e) {
                LOG.error("workflow '{}': step {} of '{}' failed unexpectedly", workflow, call.step(), call.key(), e);
                outcomes.offer(new Outcome(call.key(), call.step(), false, 1, "internal error: " + e));
            }
        });
    }

    private Outcome run(Command.Call call) throws InterruptedException {
        Event event = call.event();
        return switch (call.action()) {
            case WorkflowAction.CallHttp request -> {
                HttpCalls.Result result = http.call(request, event);
                yield new Outcome(call.key(), call.step(), result.ok(), result.attempts(), result.detail());
            }
            case WorkflowAction.Notify notify -> {
                Sink sink = sink(notify.destination());
                Delivery delivery;
                synchronized (sink) { // a sink serves one thread at a time
                    delivery = sink.deliver(event);
                }
                yield switch (delivery) {
                    case Delivery.Delivered delivered ->
                        new Outcome(call.key(), call.step(), true, delivered.attempts(), "delivered");
                    case Delivery.GaveUp gaveUp ->
                        new Outcome(call.key(), call.step(), false, gaveUp.attempts(), gaveUp.reason());
                };
            }
            default -> throw new IllegalArgumentException("step " + call.step() + " is not an outside step");
        };
    }

    private synchronized Sink sink(Destination.Notification destination) {
        return opened.computeIfAbsent(destination, d -> sinks.notification("workflow:" + workflow, d));
    }

    /** The outcomes that came back since the last call, in the order they came. */
    List<Outcome> drain() {
        List<Outcome> drained = new ArrayList<>();
        for (Outcome outcome = outcomes.poll(); outcome != null; outcome = outcomes.poll()) {
            drained.add(outcome);
        }
        return drained;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            opened.values().forEach(Sink::close);
        }
    }
}
