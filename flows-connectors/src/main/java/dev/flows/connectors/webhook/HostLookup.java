package dev.flows.connectors.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name (or an IP literal) to addresses. Injected so that tests can answer like a DNS server
 * that lies, without real DNS; production uses {@link #system()}.
 */
@FunctionalInterface
interface HostLookup {

    /** Every address of the host. Blocks while resolving. */
    InetAddress[] lookup(String host) throws UnknownHostException;

    /** The JDK's resolver ({@link InetAddress#getAllByName}), which also reads IP literals. */
    static HostLookup system() {
        return InetAddress::getAllByName;
    }
}
