/**
 * The state behind a channel's ingest checks, free of HTTP: {@link dev.flows.server.ingest.TokenBucket} for
 * {@code rate-limit}, {@link dev.flows.server.ingest.RecentEvents} for {@code dedupe} (the ids stored within the
 * window, bounded, rebuilt from the channel after a restart by {@link dev.flows.server.ingest.RecentEventsReplay}).
 * The HTTP layer's {@code EventIngest} applies them and turns their results into answers.
 */
package dev.flows.server.ingest;
