package dev.flows.engine.runtime;

import dev.flows.api.event.Event;
import dev.flows.api.sink.Delivery;
import dev.flows.api.sink.Sink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake outside system: records what it is given and accepts or refuses everything. */
final class RecordingSink implements Sink {

    final List<Event> delivered = new CopyOnWriteArrayList<>();
    volatile boolean refuse;

    @Override
    public Delivery deliver(Event event) {
        if (refuse) {
            return new Delivery.GaveUp(3, "receiver answered 500 three times");
        }
        delivered.add(event);
        return new Delivery.Delivered(1);
    }
}
