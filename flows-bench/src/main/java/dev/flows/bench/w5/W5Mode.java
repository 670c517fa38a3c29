package dev.flows.bench.w5;

import dev.flows.engine.format.JsonEventFormat;

/**
 * How W5 posts its events: a batch of 100 per request ({@value JsonEventFormat#BATCH_MEDIA_TYPE}), or one per
 * request ({@value JsonEventFormat#MEDIA_TYPE}), each with its default number of concurrent senders.
 */
public enum W5Mode {
    /**
     * 100 events a request. 16 senders keep both cores busy: more only lengthen the queue each request waits in
     * (the latency grows with no gain in events/s), fewer leave the server idle while an fsync is under way.
     */
    BATCH_100("batch-100", 100, JsonEventFormat.BATCH_MEDIA_TYPE, 16),
    /**
     * One event a request. 64 senders, because a single event is cheap to handle and group commit shares each
     * fsync among the requests waiting for it: the more are waiting, the more one fsync acknowledges.
     */
    SINGLE("single", 1, JsonEventFormat.MEDIA_TYPE, 64);

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
