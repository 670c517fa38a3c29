package dev.flows.engine.runtime;

import java.time.Instant;

/** The reason a join or a pattern gives for an event older than its watermark, which goes to the late channel. */
final class LateEvent {

    private LateEvent() {}

    /**
     * @param step what refused it, such as "the join at flows.yaml:7:5"
     * @param verb what the step would have done with it, such as "join"
     */
    static String reason(long time, long watermark, String step, String verb) {
        return "late event: its time " + Instant.ofEpochMilli(time) + " is before the watermark "
                + Instant.ofEpochMilli(watermark) + " of " + step + "; raise the flow's time.out-of-order to " + verb
                + " such events";
    }
}
