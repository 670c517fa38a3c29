package dev.flows.server;

import dev.flows.analytics.sql.SqlLimits;
import dev.flows.api.channel.Durability;
import dev.flows.api.error.ConfigurationException;
import dev.flows.connectors.webhook.Cidr;
import dev.flows.engine.state.MvStateStore;
import dev.flows.server.auth.ApiTokens;
import dev.flows.server.auth.PushSecret;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link FlowsServer} needs to start. The defaults, environment variables and flags that fill it
 * are declared once, on the {@code flows run} command.
 *
 * @param flowDir      the directory of flow files
 * @param dataDir      where channels and tables live; created when missing
 * @param host         the address to listen on
 * @param port         the TCP port, 0 for any free one
 * @param durability   when set, every channel acknowledges appends this way whatever its policy says; null
 *                     lets each channel's policy decide (fsync unless the flow files say otherwise)
 * @param maxBodyBytes the largest request body accepted
 * @param tokens       the bearer tokens requests must carry; {@link ApiTokens#NONE} turns authentication off,
 *                     which is allowed on a loopback address only
 * @param allowOutbound address blocks webhooks may connect to although they are loopback, private or
 *                     link-local (every destination; a destination can also allow them with {@code allow-private})
 * @param pushSecret   what an application's backend signs browsers' push subscriptions with; null when there is
 *                     none, and then only tokens admit push subscribers (when tokens are required)
 * @param sqlLimits    what one SQL query ({@code POST /sql}, {@code flows sql}) may use: rows, time, memory
 * @param tableChangesKept how many of its latest changes each table's changelog keeps ({@code GET
 *                     /tables/{name}/changes} can resume within them)
 */
public record ServerConfig(
        Path flowDir,
        Path dataDir,
        String host,
        int port,
        Durability durability,
        long maxBodyBytes,
        ApiTokens tokens,
        List<Cidr> allowOutbound,
        PushSecret pushSecret,
        SqlLimits sqlLimits,
        int tableChangesKept) {

    public ServerConfig {
        Objects.requireNonNull(flowDir, "flowDir");
        Objects.requireNonNull(sqlLimits, "sqlLimits");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokens, "tokens");
        allowOutbound = List.copyOf(allowOutbound);
        if (!tokens.required() && !Loopback.is(host)) {
            throw new ConfigurationException("refusing to listen on " + host
                    + " without tokens: anyone who can reach it could produce, consume and delete; give a tokens"
                    + " file with --tokens (env FLOWS_TOKENS), or listen on 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("port " + port + " is out of range; use 0 to 65535 (0 picks a free port)");
        }
        if (tableChangesKept < 1) {
            throw new ConfigurationException("tables' changelogs would keep " + tableChangesKept
                    + " changes; keep at least 1 (flows run --table-changes-kept, default "
                    + MvStateStore.DEFAULT_CHANGES_KEPT + ")");
        }
        if (maxBodyBytes < 1024) {
            throw new ConfigurationException(
                    "max body size " + maxBodyBytes + " bytes is too small; use at least 1024 (default 1 MiB)");
        }
    }

    /** A configuration with the default SQL limits ({@link SqlLimits#DEFAULTS}) and changelog length. */
    public ServerConfig(
            Path flowDir,
            Path dataDir,
            String host,
            int port,
            Durability durability,
            long maxBodyBytes,
            ApiTokens tokens,
            List<Cidr> allowOutbound,
            PushSecret pushSecret) {
        this(
                flowDir,
                dataDir,
                host,
                port,
                durability,
                maxBodyBytes,
                tokens,
                allowOutbound,
                pushSecret,
                SqlLimits.DEFAULTS,
                MvStateStore.DEFAULT_CHANGES_KEPT);
    }

    /** A configuration whose webhooks may reach public addresses only, without a push secret. */
    public ServerConfig(
            Path flowDir,
            Path dataDir,
            String host,
            int port,
            Durability durability,
            long maxBodyBytes,
            ApiTokens tokens) {
        this(flowDir, dataDir, host, port, durability, maxBodyBytes, tokens, List.of(), null);
    }

    /**
     * Defaults for the given directories: 127.0.0.1:8080, each channel's own durability, 1 MiB bodies, no
     * tokens.
     */
    public static ServerConfig of(Path flowDir, Path dataDir) {
        return new ServerConfig(flowDir, dataDir, "127.0.0.1", 8080, null, 1L << 20, ApiTokens.NONE);
    }

    /** A copy listening on another port. */
    public ServerConfig withPort(int newPort) {
        Copy copy = new Copy(this);
        copy.port = newPort;
        return copy.build();
    }

    /** A copy that requires these tokens. */
    public ServerConfig withTokens(ApiTokens newTokens) {
        Copy copy = new Copy(this);
        copy.tokens = newTokens;
        return copy.build();
    }

    /** A copy whose webhooks may also connect to these address blocks. */
    public ServerConfig withAllowOutbound(List<Cidr> blocks) {
        Copy copy = new Copy(this);
        copy.allowOutbound = blocks;
        return copy.build();
    }

    /** A copy that checks browsers' push subscriptions with this secret. */
    public ServerConfig withPushSecret(PushSecret secret) {
        Copy copy = new Copy(this);
        copy.pushSecret = secret;
        return copy.build();
    }

    /** A copy whose tables' changelogs keep this many changes each. */
    public ServerConfig withTableChangesKept(int changes) {
        Copy copy = new Copy(this);
        copy.tableChangesKept = changes;
        return copy.build();
    }

    /** A copy whose SQL queries have these limits. */
    public ServerConfig withSqlLimits(SqlLimits limits) {
        Copy copy = new Copy(this);
        copy.sqlLimits = limits;
        return copy.build();
    }

    /** A configuration's components, to change one and build the copy, checked as any configuration is. */
    private static final class Copy {
        private final Path flowDir;
        private final Path dataDir;
        private final String host;
        private int port;
        private final Durability durability;
        private final long maxBodyBytes;
        private ApiTokens tokens;
        private List<Cidr> allowOutbound;
        private PushSecret pushSecret;
        private SqlLimits sqlLimits;
        private int tableChangesKept;

        Copy(ServerConfig config) {
            flowDir = config.flowDir;
            dataDir = config.dataDir;
            host = config.host;
            port = config.port;
            durability = config.durability;
            maxBodyBytes = config.maxBodyBytes;
            tokens = config.tokens;
            allowOutbound = config.allowOutbound;
            pushSecret = config.pushSecret;
            sqlLimits = config.sqlLimits;
            tableChangesKept = config.tableChangesKept;
        }

        ServerConfig build() {
            return new ServerConfig(
                    flowDir,
                    dataDir,
                    host,
                    port,
                    durability,
                    maxBodyBytes,
                    tokens,
                    allowOutbound,
                    pushSecret,
                    sqlLimits,
                    tableChangesKept);
        }
    }
}
