package dev.flows.bench.w1;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.channel.Durability;
import dev.flows.api.error.FlowsException;
import dev.flows.bench.event.Events;
import dev.flows.bench.log.BenchLog;
import dev.flows.bench.measure.Latency;
import dev.flows.bench.measure.PeakRss;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * One W1 run in one durability mode, in a fresh log: an untimed warm-up on a channel of its own, then append
 * everything, read it back and check the count, then the latency run on a third channel. Says what it does
 * on {@code progress}. Stateless.
 */
public final class W1Run {

    static final String CHANNEL = "w1";
    static final String WARMUP_CHANNEL = "w1-warmup";
    static final String LATENCY_CHANNEL = "w1-latency";
    static final String GROUP = "w1-readers";

    private W1Run() {}

    /**
     * Runs W1 over {@code events} with a log in {@code directory}.
     *
     * @throws FlowsException if the read-back does not return exactly what was appended
     */
    public static W1Result run(
            Events events,
            W1Settings settings,
            Durability durability,
            Path directory,
            InstantSource clock,
            PrintWriter progress) {
        if (!PeakRss.reset()) {
            say(
                    progress,
                    "W1 %s: this system cannot reset the peak RSS, so peak_rss_mb includes earlier modes",
                    durability);
        }
        try (ChannelBackend log = BenchLog.open(directory)) {
            warmUp(log, events, settings, durability, clock, progress);
            Channel channel = log.open(BenchLog.channel(CHANNEL, settings.partitions(), durability));
            say(
                    progress,
                    "W1 %s: appending %,d events in batches of %,d from %d thread(s)",
                    durability,
                    events.count(),
                    settings.batchSize(),
                    settings.appenders());
            double appendSeconds = AppendPhase.run(channel, events, settings.batchSize(), settings.appenders(), clock);
            say(progress, "W1 %s: reading them back", durability);
            ReadOutcome read = ReadPhase.run(channel, GROUP, progress);
            check(read, events);
            say(
                    progress,
                    "W1 %s: offering %,d events/s for %d s",
                    durability,
                    settings.latencyRate(),
                    settings.latencyDuration().toSeconds());
            Channel latencyChannel = log.open(BenchLog.channel(LATENCY_CHANNEL, settings.partitions(), durability));
            Latency latency =
                    LatencyPhase.run(latencyChannel, events, settings.latencyRate(), settings.latencyDuration(), clock);
            return new W1Result(
                    durability,
                    events.count(),
                    events.bytes(),
                    appendSeconds,
                    read.seconds(),
                    settings.latencyRate(),
                    latency,
                    PeakRss.megabytes());
        }
    }

    /**
     * Appends the first events and reads them back, untimed, so the timed run measures compiled code (the log
     * of a running server is warm) rather than the JIT compiler.
     */
    private static void warmUp(
            ChannelBackend log,
            Events events,
            W1Settings settings,
            Durability durability,
            InstantSource clock,
            PrintWriter progress) {
        if (settings.warmupEvents() == 0) {
            return;
        }
        Events first = events.first(settings.warmupEvents());
        say(progress, "W1 %s: warming up with %,d events (untimed)", durability, first.count());
        Channel channel = log.open(BenchLog.channel(WARMUP_CHANNEL, settings.partitions(), durability));
        AppendPhase.run(channel, first, settings.batchSize(), settings.appenders(), clock);
        check(ReadPhase.run(channel, GROUP, new PrintWriter(OutputStream.nullOutputStream())), first);
    }

    private static void check(ReadOutcome read, Events events) {
        if (read.events() != events.count() || read.bytes() != events.bytes()) {
            throw new FlowsException("W1 appended " + events.count() + " events (" + events.bytes() + " bytes) but"
                    + " read back " + read.events() + " (" + read.bytes() + " bytes); the log lost or duplicated"
                    + " records, so no figure of this run counts");
        }
    }

    private static void say(PrintWriter progress, String format, Object... args) {
        progress.println(String.format(format, args));
        progress.flush();
    }
}
