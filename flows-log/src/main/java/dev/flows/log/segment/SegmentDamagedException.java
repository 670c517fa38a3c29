package dev.flows.log.segment;

/**
 * Thrown by a segment read that met damage before it could serve anything: the partition turns it into an
 * error for the caller that names the channel and the offsets to skip to. Never leaves the log.
 */
public final class SegmentDamagedException extends RuntimeException {

    private final transient Segment segment;
    private final Damage damage;

    SegmentDamagedException(Segment segment, Damage damage) {
        super(damage.reason(), null, false, false);
        this.segment = segment;
        this.damage = damage;
    }

    /** The damaged segment. */
    public Segment segment() {
        return segment;
    }

    /** What was found. */
    public Damage damage() {
        return damage;
    }
}
