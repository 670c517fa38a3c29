package dev.flows.server.http;

import dev.flows.api.flow.IngestPolicy;
import java.util.Locale;

/**
 * Decides whether a web page may post to a channel through the browser route: the channel must declare
 * {@code browser: { origins: [...] }}, and the request's {@code Origin} must be one of them, {@code *}, or the
 * server's own origin (a page Flows serves itself, such as {@code /demo}). Stateless.
 *
 * <p>This keeps other sites' pages from writing into a channel through their visitors' browsers; it is not
 * authentication: any program can send any {@code Origin}. What it proves is recorded on each event as the
 * {@value #EXTENSION} extension, so flows can tell which site an event came from.
 */
final class BrowserOrigins {

    /** The extension attribute that carries the origin the server checked. */
    static final String EXTENSION = "browserorigin";

    private static final String ENABLE = "browser: { origins: [https://shop.example] }";

    private BrowserOrigins() {}

    /** The outcome of a check. */
    sealed interface Verdict {}

    /** The page may post; {@code origin} is what it sent, lower case. */
    record Allowed(String origin) implements Verdict {}

    /** The page may not post: a problem kind and a message that says what to change. */
    record Refused(String kind, String detail) implements Verdict {}

    /**
     * Whether a page of {@code origin} may post to {@code channel}, whose ingest policy is {@code policy}.
     *
     * @param origin    the request's {@code Origin} header, null when it has none
     * @param ownOrigin the server's origin as the request reached it, {@code scheme://host[:port]}
     */
    static Verdict check(String channel, IngestPolicy policy, String origin, String ownOrigin) {
        if (!policy.acceptsBrowsers()) {
            // Said the same way whether the channel exists or not: this route needs no token, so it does not
            // tell strangers which channels there are.
            return new Refused(
                    "browser-not-enabled",
                    "channel '" + channel + "' takes no events from web pages; declare it in a flow file with " + ENABLE
                            + " listing the origins of the pages that may post");
        }
        if (origin == null || origin.isBlank()) {
            return new Refused(
                    "origin-missing",
                    "the request has no Origin header, which every browser sends with a POST; this route is for"
                            + " the browser script /sdk/flows.js, other clients post to /channels/" + channel
                            + "/events");
        }
        String normalized = normalize(origin);
        boolean listed = policy.browserOrigins().stream()
                .anyMatch(allowed -> allowed.equals("*") || normalize(allowed).equals(normalized));
        if (listed || normalized.equals(normalize(ownOrigin))) {
            return new Allowed(origin.strip().toLowerCase(Locale.ROOT));
        }
        return new Refused(
                "origin-not-allowed",
                "pages of origin '" + origin.strip() + "' may not post to channel '" + channel + "', which takes "
                        + policy.browserOrigins() + "; add the origin to the channel's browser origins, e.g. "
                        + "browser: { origins: [" + origin.strip() + "] }");
    }

    /** Lower case and without a default port, since a Host header may carry one that an Origin never does. */
    static String normalize(String origin) {
        String lower = origin.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") && lower.endsWith(":80")) {
            return lower.substring(0, lower.length() - 3);
        }
        if (lower.startsWith("https://") && lower.endsWith(":443")) {
            return lower.substring(0, lower.length() - 4);
        }
        return lower;
    }
}
