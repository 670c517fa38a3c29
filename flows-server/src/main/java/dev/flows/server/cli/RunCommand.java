package dev.flows.server.cli;

import dev.flows.analytics.sql.SqlLimits;
import dev.flows.api.channel.Durability;
import dev.flows.connectors.webhook.Cidr;
import dev.flows.server.FlowsServer;
import dev.flows.server.ServerConfig;
import dev.flows.server.auth.ApiTokens;
import dev.flows.server.auth.PushSecret;
import dev.flows.server.auth.TokenFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flows run DIR}: loads the flow files in DIR and serves until Ctrl-C (SIGINT or SIGTERM), then stops
 * cleanly. Every setting is declared once here, with its default and environment variable.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the flows in DIR and serve the HTTP API.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of flow files (*.yaml).")
    Path flowDir;

    @Option(
            names = "--data",
            defaultValue = "${env:FLOWS_DATA:-data}",
            description = "Data directory for channels and tables (env FLOWS_DATA, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--host",
            defaultValue = "${env:FLOWS_HOST:-127.0.0.1}",
            description = "Address to listen on (env FLOWS_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "${env:FLOWS_PORT:-8080}",
            description = "HTTP port, 0 for any free one (env FLOWS_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--durability",
            defaultValue = "${env:FLOWS_DURABILITY}",
            converter = DurabilityConverter.class,
            description = "Override every channel's durability: fsync (on disk before the acknowledgement), os (in"
                    + " the page cache) or interval:<duration> (page cache, forced that often). Unset: each channel's"
                    + " own (fsync unless its flow file says otherwise). Env FLOWS_DURABILITY.")
    Durability durability;

    @Option(
            names = "--max-body-bytes",
            defaultValue = "${env:FLOWS_MAX_BODY_BYTES:-1048576}",
            description = "Largest request body accepted (env FLOWS_MAX_BODY_BYTES, default ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(
            names = "--tokens",
            defaultValue = "${env:FLOWS_TOKENS}",
            description = "YAML file of bearer tokens and their scopes (env FLOWS_TOKENS). Without it, no token is"
                    + " asked for and only 127.0.0.1 may be listened on. `flows token` makes one.")
    Path tokens;

    @Option(
            names = "--allow-outbound",
            split = ",",
            paramLabel = "CIDR",
            defaultValue = "${env:FLOWS_ALLOW_OUTBOUND}",
            description = "Address blocks webhooks may reach although they are loopback, private or link-local, e.g."
                    + " 10.0.0.0/8 (repeat or separate with commas; env FLOWS_ALLOW_OUTBOUND). One destination can"
                    + " allow them with allow-private: true instead.")
    List<String> allowOutbound;

    @Option(
            names = "--push-secret",
            defaultValue = "${env:FLOWS_PUSH_SECRET}",
            description = "Secret (at least 32 characters) an application's backend signs browsers' push"
                    + " subscriptions with: HMAC-SHA256 of channel:user:expires (env FLOWS_PUSH_SECRET; the"
                    + " environment keeps it out of process listings).")
    String pushSecret;

    @Option(
            names = "--sql-max-rows",
            defaultValue = "${env:FLOWS_SQL_MAX_ROWS:-100000}",
            description = "The most rows one SQL query may return when it asks (`limit`); one that does not say gets"
                    + " 10,000 or this, if lower (env FLOWS_SQL_MAX_ROWS, default ${DEFAULT-VALUE}).")
    int sqlMaxRows;

    @Option(
            names = "--sql-max-time",
            defaultValue = "${env:FLOWS_SQL_MAX_TIME:-5m}",
            converter = DurationConverter.class,
            description = "The longest one SQL query may run when it asks (`timeout_ms`); one that does not say gets"
                    + " 30s or this, if shorter (env FLOWS_SQL_MAX_TIME, default ${DEFAULT-VALUE}).")
    Duration sqlMaxTime;

    @Option(
            names = "--sql-memory",
            defaultValue = "${env:FLOWS_SQL_MEMORY:-1GB}",
            description = "Memory one SQL query may use, such as 512MB or 4GB (env FLOWS_SQL_MEMORY, default"
                    + " ${DEFAULT-VALUE}).")
    String sqlMemory;

    /** Reads a durability as flow files write it. */
    static final class DurabilityConverter implements CommandLine.ITypeConverter<Durability> {
        @Override
        public Durability convert(String value) {
            return Durability.parse(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value
                            + "' is not a durability; use fsync, os or interval:<duration> such as interval:1s"));
        }
    }

    @Option(
            names = "--table-changes-kept",
            defaultValue = "${env:FLOWS_TABLE_CHANGES_KEPT:-100000}",
            description = "How many of its latest changes each table keeps for GET /tables/{name}/changes; a reader"
                    + " resuming from an older version gets 410 (env FLOWS_TABLE_CHANGES_KEPT, default"
                    + " ${DEFAULT-VALUE}).")
    int tableChangesKept;

    @Spec
    CommandSpec spec;

    /** The SQL limits of the flags; values that cannot be met are bad usage (exit code 2). */
    SqlLimits sqlLimits() {
        try {
            return SqlLimits.upTo(sqlMaxRows, sqlMaxTime, sqlMemory);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ApiTokens apiTokens = tokens == null ? ApiTokens.NONE : TokenFile.read(tokens);
        List<Cidr> blocks = allowOutbound == null
                ? List.of()
                : allowOutbound.stream()
                        .filter(block -> !block.isBlank())
                        .map(Cidr::parse)
                        .toList();
        ServerConfig config = new ServerConfig(
                flowDir,
                dataDir,
                host,
                port,
                durability,
                maxBodyBytes,
                apiTokens,
                blocks,
                pushSecret == null ? null : PushSecret.of(pushSecret),
                sqlLimits(),
                tableChangesKept);
        FlowsServer server = FlowsServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "flows-shutdown"));
        stopped.await();
        return 0;
    }
}
