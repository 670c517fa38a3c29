package dev.flows.testkit;

import dev.flows.api.channel.ChannelRecord;
import dev.flows.api.event.Event;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Flow;
import dev.flows.api.state.TableChange;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.format.JsonValues;
import dev.flows.engine.runtime.FlowRuntime;
import dev.flows.engine.runtime.LocalFlow;
import dev.flows.testkit.channel.MemoryChannel;
import dev.flows.testkit.channel.MemoryChannelBackend;
import dev.flows.testkit.state.MemoryStateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs one flow in memory, in the calling thread, on virtual time: the test driver for flows, as Kafka
 * Streams' {@code TopologyTestDriver} is for topologies. The flow runs with the same compiler, steps, event
 * time and outputs as under {@code flows run}; only its surroundings are replaced: channels and tables live in
 * memory, webhooks and emails are recorded instead of sent, and processing time moves only when the test says so.
 *
 * <pre>{@code
 * try (FlowTestDriver driver = FlowTestDriver.forFile(Path.of("flows/abandoned.yaml"))) {
 *     driver.pipe(checkoutStarted);                    // or pipeJson("{\"specversion\":\"1.0\", ...}")
 *     driver.advanceTime(Duration.ofMinutes(5));       // processing time: idle inputs stop holding time back
 *     driver.endOfInput();                             // closes every window, decides every absence
 *     List<Event> alerts = driver.output("alerts");    // what the flow appended to a channel, in order
 *     List<Event> dead = driver.deadLetters();         // what it sent to flows.dead-letter
 *     Optional<Object> row = driver.tableRow("revenue", "u1");
 *     List<RowChange> changes = driver.tableChanges("revenue"); // upserts and deletes, oldest first
 * }
 * }</pre>
 *
 * <p>Time. Event time comes from the events (their {@code time}, or the flow's {@code time.field}): piping
 * events moves the watermark, which closes windows and decides absences as in a real run. Processing time is
 * virtual, starts at {@link DriverSettings#startTime()} and moves only by {@link #advanceTime}; it matters
 * for the flow's {@code time.idle}: an input silent that long (a join's other channel, say) stops holding the
 * watermark back. {@link #endOfInput()} moves event time to its end.
 *
 * <p>Channels. Every channel the flow names is open: those its flow directory declares, with their partition
 * counts, and the others created with one partition. Outputs are read after writing what the flow emitted so
 * far, so reads see every event piped before them. State starts empty; a driver is not restarted.
 *
 * <p>Not thread-safe: use a driver from one thread. Methods throw what the flow would: {@link
 * dev.flows.api.error.InvalidEventException} for an invalid event, {@code StepFailedException} when a step
 * whose {@code on-error} is {@code fail} fails.
 */
public final class FlowTestDriver implements AutoCloseable {

    private final FlowUnderTest flow;
    private final JsonEventFormat format = new JsonEventFormat();
    private final MemoryChannelBackend channels = new MemoryChannelBackend();
    private final MemoryStateStore state = new MemoryStateStore();
    private final List<WebhookCall> webhookCalls = new CopyOnWriteArrayList<>();
    private final List<SentEmail> emails = new CopyOnWriteArrayList<>();
    private final VirtualClock clock;
    private final LocalFlow running;

    private FlowTestDriver(FlowUnderTest flow, DriverSettings settings, CelCompiler cel) {
        this.flow = flow;
        this.clock = new VirtualClock(settings.startTime());
        flow.channels().forEach(channels::open);
        FlowRuntime.Context context = new FlowRuntime.Context(
                channels,
                state,
                format,
                new RecordingSinks(settings.webhooks(), webhookCalls, emails),
                cel,
                clock,
                flow.directory());
        this.running = LocalFlow.compile(flow.flow(), context);
    }

    /**
     * A driver for the one flow of a flow file, with {@link DriverSettings#DEFAULT}.
     *
     * @throws dev.flows.api.error.FlowDefinitionException with every problem of the file, as {@code flows lint}
     *     words them, or if the file holds no flow or several
     * @see FlowUnderTest#fromFile
     */
    public static FlowTestDriver forFile(Path file) {
        return forFile(file, DriverSettings.DEFAULT);
    }

    /**
     * A driver for the one flow of a flow file. Channels declared in the file's directory are used; the others
     * the flow names are created with one partition.
     *
     * @throws dev.flows.api.error.FlowDefinitionException with every problem of the file, or if the file holds
     *     no flow or several
     */
    public static FlowTestDriver forFile(Path file, DriverSettings settings) {
        CelCompiler cel = new CelCompiler();
        return new FlowTestDriver(FlowUnderTest.fromFile(file, null, settings.environment(), cel), settings, cel);
    }

    /**
     * A driver for flow {@code flowName} of a flow directory, which must load without problems.
     *
     * @throws dev.flows.api.error.FlowDefinitionException with every problem of the directory, or if it has no
     *     such flow
     */
    public static FlowTestDriver forDirectory(Path directory, String flowName) {
        return forDirectory(directory, flowName, DriverSettings.DEFAULT);
    }

    /** A driver for flow {@code flowName} of a flow directory, with {@code settings}. */
    public static FlowTestDriver forDirectory(Path directory, String flowName, DriverSettings settings) {
        CelCompiler cel = new CelCompiler();
        return new FlowTestDriver(
                FlowUnderTest.fromDirectory(directory, flowName, settings.environment(), cel), settings, cel);
    }

    /**
     * A driver for a flow built in Java; every channel it names is created with one partition, and lookup
     * files are read relative to the working directory.
     *
     * @throws dev.flows.api.error.FlowDefinitionException with every problem the flow has
     */
    public static FlowTestDriver forFlow(Flow flow) {
        return forFlow(flow, DriverSettings.DEFAULT);
    }

    /** A driver for a flow built in Java, with {@code settings}. */
    public static FlowTestDriver forFlow(Flow flow, DriverSettings settings) {
        CelCompiler cel = new CelCompiler();
        return new FlowTestDriver(
                FlowUnderTest.of(flow, List.<ChannelDefinition>of(), Path.of("").toAbsolutePath(), cel), settings, cel);
    }

    /** A driver for a flow already loaded (a file's second flow, a Java flow over declared channels). */
    public static FlowTestDriver of(FlowUnderTest flow, DriverSettings settings) {
        return new FlowTestDriver(flow, settings, new CelCompiler());
    }

    /** Runs events of the flow's source channel through the flow, in order. */
    public FlowTestDriver pipe(Event... events) {
        for (Event event : events) {
            running.accept(event);
        }
        return this;
    }

    /** Runs events of the flow's source channel through the flow, in order. */
    public FlowTestDriver pipe(List<Event> events) {
        events.forEach(running::accept);
        return this;
    }

    /**
     * Runs one event of the source channel, given as structured CloudEvents JSON, through the flow. The event is
     * checked as {@code POST /channels/{name}/events} checks it.
     *
     * @throws dev.flows.api.error.InvalidEventException if it is not a valid CloudEvent; nothing is run
     */
    public FlowTestDriver pipeJson(String cloudEventJson) {
        running.accept(format.decode(cloudEventJson.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /**
     * Runs events of the channel the flow's join step reads through the flow, in order.
     *
     * @throws IllegalStateException if the flow has no join step
     */
    public FlowTestDriver pipeJoined(Event... events) {
        for (Event event : events) {
            running.acceptJoined(event);
        }
        return this;
    }

    /**
     * Runs one event of the join step's channel, given as structured CloudEvents JSON, through the flow.
     *
     * @throws dev.flows.api.error.InvalidEventException if it is not a valid CloudEvent
     * @throws IllegalStateException if the flow has no join step
     */
    public FlowTestDriver pipeJoinedJson(String cloudEventJson) {
        running.acceptJoined(format.decode(cloudEventJson.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /**
     * Moves processing time forward and lets the flow look at it: an input silent for the flow's
     * {@code time.idle} stops holding the watermark back, which may close windows and decide absences. Does
     * not move event time by itself.
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public FlowTestDriver advanceTime(Duration duration) {
        clock.advance(duration);
        running.tick();
        return this;
    }

    /** Ends the input: event time goes to its end, so every window closes and every absence is decided. */
    public FlowTestDriver endOfInput() {
        running.endOfInput();
        return this;
    }

    /**
     * The events the flow appended to a channel so far, in the order it appended them (over all partitions).
     *
     * @throws IllegalArgumentException if the flow has no such channel
     */
    public List<Event> output(String channel) {
        flush();
        MemoryChannel memory = channels.memoryChannel(channel)
                .orElseThrow(() ->
                        new IllegalArgumentException("flow '" + flow.flow().name() + "' has no channel '" + channel
                                + "'; its channels are: " + String.join(", ", channels())));
        List<Event> events = new ArrayList<>();
        for (ChannelRecord record : memory.records()) {
            events.add(format.decode(record.value()));
        }
        return events;
    }

    /**
     * The events sent to the built-in dead-letter channel ({@code flows.dead-letter}), each with the
     * {@code deadletterflow} and {@code deadletterreason} extension attributes saying who gave up and why.
     */
    public List<Event> deadLetters() {
        return output(ChannelDefinition.DEAD_LETTER);
    }

    /**
     * A row of a state table the flow writes, as plain Java values ({@code Map}, {@code List}, {@code String},
     * {@code Long}, {@code Double}, {@code Boolean}, null).
     */
    public Optional<Object> tableRow(String table, String key) {
        flush();
        return state.get(table, key).map(JsonValues::decode);
    }

    /** Every row of a state table, in key order (deleted rows are gone); empty when the flow wrote none. */
    public Map<String, Object> table(String table) {
        flush();
        Map<String, Object> rows = new LinkedHashMap<>();
        String after = "";
        for (var page = state.scan(table, after, 1000); !page.isEmpty(); page = state.scan(table, after, 1000)) {
            for (var row : page) {
                rows.put(row.key(), JsonValues.decode(row.value()));
                after = row.key();
            }
        }
        return rows;
    }

    /**
     * Every change the flow made to a table's rows, oldest first, as its changelog keeps them (the last 100,000):
     * an upsert per event that changed its row, a delete per event that deleted an existing one. An event that
     * leaves its row as it was changes nothing.
     */
    public List<RowChange> tableChanges(String table) {
        flush();
        List<RowChange> changes = new ArrayList<>();
        long after = 0;
        for (var page = state.changes(table, after, 1000); !page.isEmpty(); page = state.changes(table, after, 1000)) {
            for (TableChange change : page) {
                changes.add(new RowChange(
                        change.version(),
                        change.key(),
                        change.deleted() ? RowChange.Op.DELETE : RowChange.Op.UPSERT,
                        change.deleted() ? null : JsonValues.decode(change.row())));
                after = change.version();
            }
        }
        return changes;
    }

    /** The tables the flow wrote rows to, in name order. */
    public List<String> tables() {
        flush();
        return List.copyOf(state.tables());
    }

    /** Every call the flow made to a webhook destination, accepted or refused, in order. */
    public List<WebhookCall> webhookCalls() {
        flush();
        return List.copyOf(webhookCalls);
    }

    /** Every email the flow sent, rendered from its destination's templates (none is really sent), in order. */
    public List<SentEmail> emails() {
        flush();
        return List.copyOf(emails);
    }

    /** The names of the flow's channels, in name order. */
    public List<String> channels() {
        return channels.channels().stream().map(channel -> channel.name()).toList();
    }

    /**
     * The channels the flow's destinations and routes append to, in the order written; the dead-letter and
     * late channels are not among them.
     */
    public Set<String> destinationChannels() {
        return flow.destinationChannels();
    }

    /** The flow being run. */
    public Flow flow() {
        return flow.flow();
    }

    /** Virtual processing time now. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * The event-time watermark the flow's steps have seen: empty before any (and always for a flow without
     * stateful steps); {@link Instant#MAX} after {@link #endOfInput()}.
     */
    public Optional<Instant> watermark() {
        long watermark = running.watermark();
        if (watermark == Long.MIN_VALUE) {
            return Optional.empty();
        }
        return Optional.of(watermark == Long.MAX_VALUE ? Instant.MAX : Instant.ofEpochMilli(watermark));
    }

    /** Writes what the flow emitted; nothing else is held (the channels and tables stay readable). */
    @Override
    public void close() {
        flush();
    }

    private void flush() {
        try {
            running.flush();
        } catch (InterruptedException e) {
            // Only a real sink waits; the recording one never does. Keep the flag for the caller.
            Thread.currentThread().interrupt();
        }
    }
}
