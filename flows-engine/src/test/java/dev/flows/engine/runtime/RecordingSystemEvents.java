package dev.flows.engine.runtime;

import dev.flows.api.system.SystemEvent;
import dev.flows.api.system.SystemEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every system event published, in order; thread-safe. */
final class RecordingSystemEvents implements SystemEvents {

    private final List<SystemEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(SystemEvent event) {
        events.add(event);
    }

    List<SystemEvent> events() {
        return List.copyOf(events);
    }

    List<SystemEvent> ofType(String type) {
        return events.stream().filter(event -> event.type().equals(type)).toList();
    }
}
