package dev.flows.engine.runtime;

import java.util.concurrent.atomic.LongAdder;

/** Counters one flow's tasks add to; read by {@link FlowRuntime#status()}. Thread-safe. */
final class FlowCounters {

    final LongAdder processed = new LongAdder();
    final LongAdder emitted = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder late = new LongAdder();
    volatile String lastError;
}
