package dev.flows.log.model;

/** What a run did at least once, counted over the runs to show that the generated steps reach it. */
enum Seen {
    SEGMENT_ROLLED,
    SEGMENT_DELETED,
    REDELIVERED,
    ACK_OF_EXPIRED_LEASE,
    ACK_REFUSED,
    NACK_REFUSED,
    DEAD_LETTERED,
    SKIPPED_AFTER_RETENTION,
    RESTARTED_WITH_LEASES,
    REDRIVEN
}
