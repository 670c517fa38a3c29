package dev.flows.bench.w5;

import dev.flows.api.error.FlowsException;
import dev.flows.bench.event.Events;
import dev.flows.bench.log.DataDirectory;
import dev.flows.bench.measure.CpuTime;
import dev.flows.bench.measure.Latency;
import dev.flows.bench.measure.PeakRss;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;

/**
 * One W5 mode against a fresh server in a temporary directory: the bodies are encoded first, then an untimed
 * warm-up pass posts to a channel of its own, then the timed pass posts every event once, and the server's
 * count of stored events must equal what was posted. Says what it does on {@code progress}. Stateless.
 */
public final class W5Run {

    private W5Run() {}

    /**
     * Runs {@code mode} over {@code events}.
     *
     * @throws FlowsException if a request is refused or the server does not hold exactly the events posted
     */
    public static W5Result run(Events events, W5Settings settings, W5Mode mode, PrintWriter progress) {
        Events timed = events.first(settings.events());
        RequestBodies bodies = RequestBodies.of(timed, mode);
        RequestBodies warmup = RequestBodies.of(events.first(settings.warmupEvents()), mode);
        int senders = settings.senders(mode);
        if (!PeakRss.reset()) {
            say(progress, "W5 %s: this system cannot reset the peak RSS, so peak_rss_mb includes earlier modes", mode);
        }
        try (DataDirectory directory = DataDirectory.temporary("flows-bench-w5-" + mode.label() + "-");
                IngestServer server = IngestServer.start(directory.path(), settings.partitions())) {
            if (warmup.events() > 0) {
                say(progress, "W5 %s: warming up with %,d events (untimed)", mode, warmup.events());
                pass(server, IngestServer.WARMUP_CHANNEL, warmup, senders, settings.jdkClient());
                requireStored(server, IngestServer.WARMUP_CHANNEL, warmup.events());
            }
            say(
                    progress,
                    "W5 %s: posting %,d events in %,d requests from %d sender(s) (%s), fsync",
                    mode,
                    bodies.events(),
                    bodies.count(),
                    senders,
                    settings.jdkClient() ? "JDK HttpClient" : "sockets");
            long cpuBefore = CpuTime.processNanos();
            ClosedLoop.Outcome outcome = pass(server, IngestServer.CHANNEL, bodies, senders, settings.jdkClient());
            long cpuNanos = cpuBefore < 0 ? -1 : CpuTime.processNanos() - cpuBefore;
            requireStored(server, IngestServer.CHANNEL, bodies.events());
            return new W5Result(
                    mode,
                    senders,
                    bodies.count(),
                    bodies.events(),
                    outcome.seconds(),
                    cpuNanos,
                    Latency.of(outcome.latencyNanos()),
                    PeakRss.megabytes());
        }
    }

    private static ClosedLoop.Outcome pass(
            IngestServer server, String channel, RequestBodies bodies, int senders, boolean jdkClient) {
        URI uri = server.events(channel);
        String contentType = bodies.mode().contentType();
        if (!jdkClient) {
            return ClosedLoop.run(bodies, senders, () -> SocketIngestClient.open(uri, contentType));
        }
        try (HttpClient http = JdkIngestClient.sharedClient()) {
            return ClosedLoop.run(bodies, senders, () -> new JdkIngestClient(http, uri, contentType));
        }
    }

    private static void requireStored(IngestServer server, String channel, long posted) {
        long stored = server.stored(channel);
        if (stored != posted) {
            throw new FlowsException("W5: the server holds " + stored + " events in channel '" + channel + "' after "
                    + posted + " were posted and acknowledged; every acknowledged event must be stored exactly"
                    + " once, so this is a bug in the ingest path");
        }
    }

    private static void say(PrintWriter progress, String format, Object... args) {
        progress.println(String.format(format, args));
        progress.flush();
    }
}
