package dev.flows.log.queue;

/**
 * Bounds on a queue's memory and journal. Tests use small ones to reach the bounds quickly.
 *
 * @param maxWindow    the most records of one partition between the start offset and the first record never
 *     delivered; a slow or poisoned record at the start holds back new deliveries from its partition once
 *     the window is this wide (Kafka share groups bound in-flight records the same way)
 * @param compactBytes the journal is rewritten as a snapshot once the start offset moves and the file is at
 *     least this large (and four times the snapshot's size)
 */
record QueueLimits(int maxWindow, long compactBytes) {

    static final QueueLimits DEFAULT = new QueueLimits(2000, 1L << 20);

    QueueLimits {
        if (maxWindow < 1 || compactBytes < 1) {
            throw new IllegalArgumentException("queue limits must be positive, were maxWindow " + maxWindow
                    + " and compactBytes " + compactBytes + "; pass at least 1 for each");
        }
    }
}
