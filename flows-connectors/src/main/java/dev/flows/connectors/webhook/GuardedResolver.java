package dev.flows.connectors.webhook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The SSRF guard: resolves a host for Jetty's client and hands back only the addresses the
 * {@link OutboundPolicy} allows. Jetty connects to exactly the addresses returned here and resolves nothing
 * again, so the address checked is the address connected to: a DNS answer that changes between a check and
 * the connection (DNS rebinding) cannot slip through. When every address is refused the connection fails
 * with an {@link OutboundRefusedException} before any socket exists. Resolution runs on a virtual thread, as
 * the JDK resolver blocks. Thread-safe.
 */
final class GuardedResolver implements SocketAddressResolver {

    private final OutboundPolicy policy;
    private final HostLookup lookup;

    GuardedResolver(OutboundPolicy policy, HostLookup lookup) {
        this.policy = policy;
        this.lookup = lookup;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        boolean allowPrivate = allowPrivate(context);
        Thread.ofVirtual().name("flows-webhook-resolve").start(() -> {
            try {
                promise.succeeded(allowed(host, port, allowPrivate));
            } catch (UnknownHostException | OutboundRefusedException e) {
                promise.failed(e);
            }
        });
    }

    /** The allowed addresses of {@code host}, in the resolver's order. */
    List<InetSocketAddress> allowed(String host, int port, boolean allowPrivate)
            throws UnknownHostException, OutboundRefusedException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetSocketAddress> allowed = new ArrayList<>();
        Set<String> refused = new LinkedHashSet<>();
        for (InetAddress address : lookup.lookup(bare)) {
            Optional<String> refusal = policy.refusal(address, allowPrivate);
            if (refusal.isEmpty()) {
                allowed.add(new InetSocketAddress(address, port));
            } else {
                refused.add(address.getHostAddress() + " (" + refusal.get() + ")");
            }
        }
        if (allowed.isEmpty()) {
            throw new OutboundRefusedException(refusal(bare, refused));
        }
        return allowed;
    }

    private static String refusal(String host, Set<String> refused) {
        String what = refused.isEmpty() ? "no address" : String.join(", ", refused);
        String allow = refused.stream().anyMatch(r -> r.contains("cloud metadata"))
                ? "start Flows with --allow-outbound and that address (env FLOWS_ALLOW_OUTBOUND), if you really mean"
                        + " to post to a metadata service"
                : "if the receiver is meant to be on your own network, add 'allow-private: true' to the flow's"
                        + " webhook, or start Flows with --allow-outbound and its address block, e.g."
                        + " --allow-outbound 10.0.0.0/8 (env FLOWS_ALLOW_OUTBOUND)";
        return "refused to connect: host '" + host + "' resolves to " + what
                + ", which webhooks may not reach by default; " + allow;
    }

    private static boolean allowPrivate(Map<String, Object> context) {
        return context != null
                && context.get(Destination.CONTEXT_KEY) instanceof Destination destination
                && destination.getOrigin().getTag() instanceof Outbound outbound
                && outbound.allowPrivate();
    }
}
