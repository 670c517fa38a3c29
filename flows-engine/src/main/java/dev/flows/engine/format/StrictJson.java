package dev.flows.engine.format;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * The one Jackson factory of this package and the limits it enforces. JsonFactory is immutable and
 * thread-safe once built, so one shared instance serves every thread.
 *
 * <p>Duplicate keys are detected by the readers of this package rather than by Jackson's
 * {@code STRICT_DUPLICATE_DETECTION}: Jackson would report them before the reader knows where they are,
 * while the readers report a JSON Pointer to the repeated key.
 */
final class StrictJson {

    /** How deeply objects and arrays may nest inside one value ({@code data} of an event, a table row). */
    static final int MAX_DEPTH = 64;

    /**
     * Jackson's own limit stays above {@link #MAX_DEPTH} plus the batch array and the event object, so the
     * readers' clearer message comes first; Jackson's limit is the backstop for values they skip.
     */
    private static final int PARSER_MAX_DEPTH = MAX_DEPTH + 8;

    /**
     * Buffers come from Jackson's hybrid recycler pool rather than its default, a deque shared by all threads that
     * every parser takes from and gives back to with compare-and-sets (2% of the engine thread in a profile; decoding
     * W2's events on one thread went from 805 to 767 ns each). The hybrid pool keeps one recycler per platform
     * thread, in a thread-local, and a striped shared pool for virtual threads (the HTTP API's), for which a
     * thread-local would recycle nothing.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(PARSER_MAX_DEPTH)
                    .build())
            .recyclerPool(JsonRecyclerPools.sharedHybridPool())
            .build();

    /** Jackson's longest number, in characters: readers that do not use Jackson refuse longer ones too. */
    static final int MAX_NUMBER_LENGTH = FACTORY.streamReadConstraints().getMaxNumberLength();

    /** Jackson's longest member name, in characters. */
    static final int MAX_NAME_LENGTH = FACTORY.streamReadConstraints().getMaxNameLength();

    /** Jackson's longest string, in characters. */
    static final int MAX_STRING_LENGTH = FACTORY.streamReadConstraints().getMaxStringLength();

    private StrictJson() {}

    /** "malformed JSON at line 1, column 17: Unexpected character ..." (no advice; callers add theirs). */
    static String malformed(JacksonException e) {
        TokenStreamLocation where = e.getLocation();
        String detail = e.getOriginalMessage();
        if (where == null || where.getLineNr() < 1) {
            return "malformed JSON: " + detail;
        }
        return "malformed JSON at line " + where.getLineNr() + ", column " + where.getColumnNr() + ": " + detail;
    }

    /** The JSON Pointer of {@code base} extended by one object key, escaped per RFC 6901. */
    static String pointer(String base, String key) {
        return base + "/" + key.replace("~", "~0").replace("/", "~1");
    }
}
