package dev.flows.server;

import dev.flows.analytics.Analytics;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.IngestPolicy;
import dev.flows.api.flow.Step;
import dev.flows.connectors.email.EmailConnector;
import dev.flows.connectors.webhook.OutboundPolicy;
import dev.flows.connectors.webhook.WebhookConnector;
import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.runtime.FlowRuntime;
import dev.flows.engine.schema.EventSchema;
import dev.flows.engine.state.MvStateStore;
import dev.flows.log.EmbeddedLog;
import dev.flows.log.LogConfig;
import dev.flows.server.delivery.ChannelDeliveryLog;
import dev.flows.server.delivery.EmailSinks;
import dev.flows.server.delivery.NotificationSinks;
import dev.flows.server.delivery.Redrive;
import dev.flows.server.delivery.WebhookSinks;
import dev.flows.server.http.HttpApi;
import dev.flows.server.system.ChannelSystemEvents;
import dev.flows.workflow.runtime.WorkflowRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one assembly place: loads the flow files, opens the embedded log and the state store, starts the system
 * events' publisher, the delivery records' publisher, the webhook and email connectors, the flows (and their scheduler), analytics and the HTTP API, wiring each part by its constructor. {@link #close} stops them in reverse order, so a
 * stop never loses an acknowledged event and the next start resumes from the committed offsets.
 */
public final class FlowsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowsServer.class);

    private final Deque<AutoCloseable> parts;
    private final int port;
    private final FlowSet flows;
    private final List<HttpApi.Route> routes;

    private FlowsServer(Deque<AutoCloseable> parts, int port, FlowSet flows, List<HttpApi.Route> routes) {
        this.parts = parts;
        this.port = port;
        this.flows = flows;
        this.routes = routes;
    }

    /**
     * Validates the flow directory, then starts everything. If any part fails, the parts already started
     * are stopped again before the exception leaves.
     *
     * @throws dev.flows.api.error.FlowDefinitionException if a flow file is wrong (nothing is started)
     * @throws dev.flows.api.error.ConfigurationException if the data directory is in use or a channel
     *     changed its partition count
     */
    public static FlowsServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts as {@link #start(ServerConfig)} does, on a clock of the caller's: tests step time with it. */
    static FlowsServer start(ServerConfig config, Clock clock) {
        FlowSet flows = FlowDirectory.load(config.flowDir());
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        try {
            parts.push(DataDirectoryLock.acquire(config.dataDir()));
            LogConfig logConfig = LogConfig.defaults().withDurability(config.durability());
            EmbeddedLog log = EmbeddedLog.open(config.dataDir().resolve("channels"), logConfig);
            parts.push(log);
            flows.channels().forEach(log::open);
            log.openStored();
            MvStateStore state = MvStateStore.openKeepingChanges(
                    config.dataDir().resolve("state").resolve("tables.mv"), config.tableChangesKept());
            parts.push(state);
            JsonEventFormat format = new JsonEventFormat();
            CelCompiler cel = new CelCompiler();
            ChannelSystemEvents systemEvents = new ChannelSystemEvents(
                    log.find(ChannelDefinition.SYSTEM).orElseThrow(), format, clock, hostName());
            parts.push(systemEvents);
            ChannelSystemEvents deliveryRecords = new ChannelSystemEvents(
                    log.find(ChannelDefinition.DELIVERIES).orElseThrow(), format, clock, hostName());
            parts.push(deliveryRecords);
            WebhookConnector webhooks = WebhookConnector.builder()
                    .outbound(new OutboundPolicy(config.allowOutbound()))
                    .deliveryLog(new ChannelDeliveryLog(deliveryRecords))
                    .systemEvents(systemEvents)
                    .clock(clock)
                    .build();
            parts.push(webhooks);
            EmailConnector emails = EmailConnector.builder()
                    .deliveryLog(new ChannelDeliveryLog(deliveryRecords))
                    .systemEvents(systemEvents)
                    .clock(clock)
                    .build();
            parts.push(emails);
            ConnectorSinks sinks = new ConnectorSinks(
                    new NotificationSinks(new WebhookSinks(webhooks, format), new EmailSinks(emails, config.flowDir())),
                    systemEvents);
            FlowRuntime runtime = FlowRuntime.start(
                    flows,
                    new FlowRuntime.Context(log, state, format, sinks, cel, clock, config.flowDir(), systemEvents));
            parts.push(runtime);
            // Builds nothing of DuckDB: its native library loads with the first query or export.
            Analytics analytics =
                    Analytics.open(log, state, flows, config.dataDir().resolve("analytics"), config.sqlLimits());
            parts.push(analytics);
            OutboundPolicy outbound = new OutboundPolicy(config.allowOutbound());
            WorkflowRuntime workflows = WorkflowRuntime.start(
                    flows.workflows(), new WorkflowRuntime.Context(log, state, sinks, cel, clock, outbound::refusal));
            parts.push(workflows);
            HttpApi api = new HttpApi(new HttpApi.Parts(
                    log,
                    flows,
                    config.tokens(),
                    state,
                    ingestPolicies(flows),
                    schemas(flows, config.flowDir()),
                    tableNames(flows),
                    runtime,
                    format,
                    clock,
                    config.maxBodyBytes(),
                    systemEvents,
                    cel,
                    new Redrive(log, flows, sinks, format, clock),
                    config.pushSecret(),
                    analytics,
                    workflows));
            parts.push(api);
            int port = api.start(config.host(), config.port());
            LOG.info(
                    "flows serving http://{}:{} with {} flow(s) and {} workflow(s) over {} channel(s), data in {}, {}",
                    config.host(),
                    port,
                    flows.flows().size(),
                    flows.workflows().size(),
                    log.channels().size(),
                    config.dataDir().toAbsolutePath(),
                    config.tokens().required()
                            ? "tokens required ("
                                    + String.join(", ", config.tokens().names()) + ")"
                            : "no tokens (loopback only)");
            return new FlowsServer(parts, port, flows, api.routes());
        } catch (RuntimeException e) {
            closeAll(parts);
            throw e;
        }
    }

    /** The port the HTTP API listens on. */
    public int port() {
        return port;
    }

    /** Every HTTP route the server answers, with the access each requires. */
    public List<HttpApi.Route> routes() {
        return routes;
    }

    /** The flows and channels this server loaded. */
    public FlowSet flows() {
        return flows;
    }

    /** Stops the HTTP API, then the flows, then closes the state store and the log, then unlocks the data. */
    @Override
    public void close() {
        closeAll(parts);
        LOG.info("flows stopped");
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.error("stopping {} failed: {}", part.getClass().getSimpleName(), e.getMessage(), e);
            }
        }
    }

    /** What ingest checks on each declared channel. */
    static Map<String, IngestPolicy> ingestPolicies(FlowSet flows) {
        return flows.channels().stream().collect(Collectors.toMap(ChannelDefinition::name, ChannelDefinition::ingest));
    }

    /**
     * The compiled schema of each channel that declares one, each compiled once here. The flow directory was
     * validated a moment before, so a failure means a schema file changed in between; it stops the start.
     */
    static Map<String, EventSchema> schemas(FlowSet flows, Path flowDir) {
        Map<String, EventSchema> schemas = new HashMap<>();
        for (ChannelDefinition channel : flows.channels()) {
            String schema = channel.ingest().schema();
            if (schema != null) {
                schemas.put(channel.name(), EventSchema.load(flowDir.resolve(schema), schema, flowDir));
            }
        }
        return schemas;
    }

    /**
     * This machine's name for the source of system events ({@code /flows/<host>}): {@code HOSTNAME} when it is a
     * plain host name, else {@code server}. Not a DNS lookup, which can hang on a badly configured machine.
     */
    static String hostName() {
        String host = System.getenv("HOSTNAME");
        return host != null && host.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,252}") ? host : "server";
    }

    /** The tables any flow writes, so the API knows them before their first row. */
    static Set<String> tableNames(FlowSet flows) {
        Set<String> names = new TreeSet<>();
        for (Flow flow : flows.flows()) {
            destinations(flow)
                    .filter(Destination.ToTable.class::isInstance)
                    .map(d -> ((Destination.ToTable) d).table())
                    .forEach(names::add);
        }
        return names;
    }

    private static Stream<Destination> destinations(Flow flow) {
        Stream<Destination> routed = flow.steps().stream()
                .filter(Step.Route.class::isInstance)
                .map(Step.Route.class::cast)
                .flatMap(route -> Stream.concat(
                        route.cases().stream().flatMap(c -> c.to().stream()), route.otherwise().stream()));
        return Stream.concat(flow.to().stream(), routed);
    }
}
