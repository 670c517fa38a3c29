package dev.flows.engine.definition;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.SourceLocation;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where the channel names inside parsed model records were written: a flow's {@code from}, a channel
 * destination's name, a webhook's {@code dead-letter}. The model records carry one location each (where
 * the flow or destination starts); this lets {@link FlowValidator} point at the offending name instead.
 * Keyed by record identity, so it answers for the very records the parser returned. Immutable once
 * returned by the parser; thread-safe.
 */
public final class ReferenceLocations {

    private static final ReferenceLocations NONE = new ReferenceLocations(Map.of());

    private final Map<Object, SourceLocation> locations;

    private ReferenceLocations(Map<Object, SourceLocation> locations) {
        this.locations = locations;
    }

    /** No locations: every lookup falls back to the record's own location. */
    public static ReferenceLocations none() {
        return NONE;
    }

    /** Where {@code flow}'s source channel was named, or the flow's location. */
    public SourceLocation from(Flow flow) {
        return locations.getOrDefault(flow, flow.location());
    }

    /** Where a channel destination's channel, or a webhook's dead-letter channel, was named. */
    public SourceLocation channel(Destination destination) {
        return locations.getOrDefault(destination, destination.location());
    }

    /** These locations and {@code other}'s together. */
    public ReferenceLocations plus(ReferenceLocations other) {
        Map<Object, SourceLocation> both = new IdentityHashMap<>(locations);
        both.putAll(other.locations);
        return new ReferenceLocations(both);
    }

    /** Collects locations while one file is parsed; not thread-safe. */
    static final class Builder {

        private final Map<Object, SourceLocation> locations = new IdentityHashMap<>();

        void put(Object record, SourceLocation where) {
            locations.put(record, where);
        }

        ReferenceLocations build() {
            return new ReferenceLocations(new IdentityHashMap<>(locations));
        }
    }
}
