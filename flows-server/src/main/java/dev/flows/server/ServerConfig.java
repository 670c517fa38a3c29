package dev.flows.server;

import dev.flows.api.channel.Durability;
import dev.flows.api.error.ConfigurationException;
import java.nio.file.Path;
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
 */
public record ServerConfig(
        Path flowDir, Path dataDir, String host, int port, Durability durability, long maxBodyBytes) {

    public ServerConfig {
        Objects.requireNonNull(flowDir, "flowDir");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("port " + port + " is out of range; use 0 to 65535 (0 picks a free port)");
        }
        if (maxBodyBytes < 1024) {
            throw new ConfigurationException(
                    "max body size " + maxBodyBytes + " bytes is too small; use at least 1024 (default 1 MiB)");
        }
    }

    /** Defaults for the given directories: 127.0.0.1:8080, each channel's own durability, 1 MiB bodies. */
    public static ServerConfig of(Path flowDir, Path dataDir) {
        return new ServerConfig(flowDir, dataDir, "127.0.0.1", 8080, null, 1L << 20);
    }

    /** A copy listening on another port. */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(flowDir, dataDir, host, newPort, durability, maxBodyBytes);
    }
}
