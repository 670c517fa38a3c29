package dev.flows.server.http;

import dev.flows.api.flow.IngestPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Which web pages may subscribe to a push channel on a server without tokens: pages on this machine
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) and the channel's {@code browser.origins}. Without tokens
 * anyone may subscribe as anyone, so this keeps other sites open in a developer's browser from reading a local
 * server's notifications. With tokens the signature or token is what admits, whatever the page. Stateless.
 */
final class PushOrigins {

    /** 127.0.0.0/8 written as an address, not a name that merely starts with "127." */
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private PushOrigins() {}

    /**
     * Whether a page of {@code origin} may subscribe.
     *
     * @param policy the channel's ingest policy, null when no flow file declares the channel
     */
    static boolean allowed(String origin, IngestPolicy policy) {
        if (loopback(origin)) {
            return true;
        }
        String normalized = BrowserOrigins.normalize(origin);
        return policy != null
                && policy.browserOrigins().stream()
                        .anyMatch(listed -> listed.equals("*")
                                || BrowserOrigins.normalize(listed).equals(normalized));
    }

    private static boolean loopback(String origin) {
        try {
            String host = new URI(origin.strip()).getHost();
            return host != null
                    && (host.equals("localhost") || LOOPBACK_V4.matcher(host).matches() || host.equals("[::1]"));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
