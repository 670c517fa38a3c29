package dev.flows.bench.w5;

import dev.flows.engine.format.JsonEventFormat;

/**
 * How W5 posts its events: a batch of 100 per request ({@value JsonEventFormat#BATCH_MEDIA_TYPE}), or one per
 * request ({@value JsonEventFormat#MEDIA_TYPE}), each with its default number of concurrent senders.
 */
public enum W5Mode {
    /**
     * 100 events a request, from 4 senders. On 2 cores, 4 to 16 senders gave the same events/s (about 100,000 on a
     * shared machine) but the acknowledgement latency grew with them (p99 19 ms at 4, 33 ms at 8, 64-135 ms at 16):
     * more senders only lengthen the queue each request waits in. Fewer than 4 leave the server idle during an
     * fsync.
     */
    BATCH_100("batch-100", 100, JsonEventFormat.BATCH_MEDIA_TYPE, 4),
    /**
     * One event a request, from 16 senders: group commit shares each fsync among the requests waiting for it, so
     * more senders than for batches keep the disk busy; 64 gave no more events/s than 16 (13,000 against 11,600,
     * within the noise of a shared machine) but a p99 of 25 ms against 8 ms.
     */
    SINGLE("single", 1, JsonEventFormat.MEDIA_TYPE, 16);

    private final String label;
    private final int eventsPerRequest;
    private final String contentType;
    private final int defaultConcurrency;

    W5Mode(String label, int eventsPerRequest, String contentType, int defaultConcurrency) {
        this.label = label;
        this.eventsPerRequest = eventsPerRequest;
        this.contentType = contentType;
        this.defaultConcurrency = defaultConcurrency;
    }

    /** The mode's name in the report and on the command line: {@code batch-100} or {@code single}. */
    public String label() {
        return label;
    }

    /** Events in one request (the last request of a run may carry fewer). */
    public int eventsPerRequest() {
        return eventsPerRequest;
    }

    /** The request's Content-Type. */
    public String contentType() {
        return contentType;
    }

    /** Concurrent senders when {@code --concurrency} is not given. */
    public int defaultConcurrency() {
        return defaultConcurrency;
    }

    /** Whether the body is a JSON array of events rather than one event. */
    boolean batched() {
        return this == BATCH_100;
    }

    @Override
    public String toString() {
        return label;
    }
}
