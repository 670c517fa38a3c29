package dev.flows.engine.definition;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.SourceLocation;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the parts of parsed model records were written: a flow's {@code from}, a channel destination's
 * name, a webhook's {@code dead-letter}, a join's channel, a pattern stage's name, and so on. The model
 * records carry one location each (where the flow, step or destination starts), and some parts (a stage, an
 * aggregate) carry none; this lets {@link FlowValidator} point at the offending value instead. Keyed by record
 * identity, so it answers for the very records the parser returned. Immutable once returned by the parser;
 * thread-safe.
 */
public final class ReferenceLocations {

    /** The part of a record whose location is kept. */
    public enum Part {
        /** A flow's source channel. */
        FROM,
        /** A channel destination's channel, a webhook's dead-letter channel, a join's other channel. */
        CHANNEL,
        /** The late-events channel of a window, join or pattern. */
        LATE,
        /** The name of a pattern stage, a window aggregate or a window {@code by} field. */
        NAME,
        /** A join's {@code as}. */
        AS,
        /** A pattern stage's {@code absent}. */
        ABSENT,
        /** A pattern's {@code sequence}. */
        STAGES,
        /** The type of an emit or of a window's results. */
        TYPE,
        /** The first character of a mapping's JSONata text. */
        JSONATA,
        /** The file or table of an enrich step's lookup. */
        LOOKUP,
        /** The {@code ca-file} of an email destination's smtp server (kept on its {@code SmtpServer}). */
        CA_FILE,
        /** A workflow's {@code initial} state. */
        INITIAL,
        /** A workflow's {@code on-failure} state. */
        ON_FAILURE
    }

    private static final ReferenceLocations NONE = new ReferenceLocations(Map.of());

    private final Map<Key, SourceLocation> locations;

    private ReferenceLocations(Map<Key, SourceLocation> locations) {
        this.locations = locations;
    }

    /** No locations: every lookup falls back to the record's own location. */
    public static ReferenceLocations none() {
        return NONE;
    }

    /** Where {@code flow}'s source channel was named, or the flow's location. */
    public SourceLocation from(Flow flow) {
        return of(flow, Part.FROM, flow.location());
    }

    /** Where a channel destination's channel, or a webhook's dead-letter channel, was named. */
    public SourceLocation channel(Destination destination) {
        return of(destination, Part.CHANNEL, destination.location());
    }

    /**
     * Where {@code part} of {@code record} was written.
     *
     * @param fallback returned when the record was not parsed from a file (built in Java) or the part was not
     *     written
     */
    public SourceLocation of(Object record, Part part, SourceLocation fallback) {
        return locations.getOrDefault(new Key(record, part), fallback);
    }

    /** These locations and {@code other}'s together. */
    public ReferenceLocations plus(ReferenceLocations other) {
        Map<Key, SourceLocation> both = new HashMap<>(locations);
        both.putAll(other.locations);
        return new ReferenceLocations(both);
    }

    /** A record, compared by identity (equal records written in two places stay apart), and one of its parts. */
    private record Key(Object record, Part part) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.record == record && key.part == part;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(record) * 31 + part.hashCode();
        }
    }

    /** Collects locations while one file is parsed; not thread-safe. */
    static final class Builder {

        private final Map<Key, SourceLocation> locations = new HashMap<>();

        void put(Object record, Part part, SourceLocation where) {
            locations.put(new Key(record, part), where);
        }

        ReferenceLocations build() {
            return new ReferenceLocations(new HashMap<>(locations));
        }
    }
}
