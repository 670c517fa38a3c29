package dev.flows.connectors.webhook;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.SourceLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;

/**
 * What every delivery of one webhook destination starts from: URL, timeout and headers, checked once when the
 * sink is built. Immutable, so thread-safe.
 *
 * <p>Header precedence: the destination's headers may replace {@code User-Agent}, but not {@code Content-Type}
 * (the body decides it), {@code Idempotency-Key} nor the Standard Webhooks headers (receivers dedupe and verify
 * on them). Headers that belong to the connection ({@code Host}, {@code Content-Length} and the like) are
 * refused.
 */
final class RequestTemplate {

    static final String USER_AGENT = "flows-webhook/1";

    /** Header names the connection owns, as the JDK's HTTP client restricts them, and framing headers. */
    private static final Set<String> RESTRICTED = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "upgrade",
            "transfer-encoding",
            "te",
            "trailer",
            "keep-alive",
            "proxy-connection");

    private final URI uri;
    private final Map<String, String> headers;
    private final Duration requestTimeout;
    private final Outbound outbound;
    private final String target;
    private final String address;

    private RequestTemplate(URI uri, Map<String, String> headers, Duration requestTimeout, boolean allowPrivate) {
        this.uri = uri;
        this.headers = headers;
        this.requestTimeout = requestTimeout;
        this.outbound = new Outbound(allowPrivate);
        this.target = "POST " + redacted(uri);
        this.address = address(uri);
    }

    /**
     * @throws FlowDefinitionException listing every problem with the URL and the headers
     */
    static RequestTemplate of(Destination.ToWebhook spec, Duration requestTimeout) {
        List<Problem> problems = new ArrayList<>();
        SourceLocation where = spec.location() == null ? SourceLocation.JAVA : spec.location();
        URI uri = parse(spec.url(), where, problems);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", USER_AGENT);
        spec.headers().forEach((name, value) -> {
            if (checkHeader(name, value, where, problems)) {
                headers.put(name, value);
            }
        });
        if (!problems.isEmpty()) {
            throw new FlowDefinitionException(problems);
        }
        return new RequestTemplate(uri, Map.copyOf(headers), requestTimeout, spec.allowPrivate());
    }

    /**
     * The request of one attempt, not yet sent: never follows a redirect, bounded by the request timeout from
     * sending to the end of the answer, tagged with the destination's {@link Outbound} choice.
     *
     * @param extra headers of this attempt (Content-Type, Idempotency-Key, the Standard Webhooks headers), which
     *     win over the destination's
     */
    Request newRequest(HttpClient client, byte[] body, String contentType, Map<String, String> extra) {
        return client.newRequest(uri)
                .method(HttpMethod.POST)
                .followRedirects(false)
                .timeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .tag(outbound)
                .headers(fields -> {
                    headers.forEach(fields::put);
                    extra.forEach(fields::put);
                })
                .body(new BytesRequestContent(contentType, body));
    }

    /** {@code POST <url>} without user info or query, which may hold secrets, for messages and logs. */
    String target() {
        return target;
    }

    /** The URL without user info, query or fragment, which may hold secrets: where events go, for system events. */
    String address() {
        return address;
    }

    private static URI parse(String url, SourceLocation where, List<Problem> problems) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
            problems.add(new Problem(
                    where,
                    "webhook url '" + url + "' is not an absolute http or https URL; write it like"
                            + " https://example.com/hook"));
        } catch (URISyntaxException e) {
            problems.add(new Problem(
                    where,
                    "webhook url '" + url + "' is not a URL (" + e.getReason() + " at index " + e.getIndex()
                            + "); write it like https://example.com/hook, percent-encoding spaces and quotes"));
        }
        return null;
    }

    private static boolean checkHeader(String name, String value, SourceLocation where, List<Problem> problems) {
        String why = null;
        if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            why = "restricted header name: \"" + name + "\"";
        } else if (!name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
            why = "invalid header name: \"" + name + "\"";
        } else if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            why = "its value holds a line break or NUL, which could inject headers";
        }
        if (why != null) {
            problems.add(new Problem(
                    where,
                    "webhook header '" + name + "' cannot be sent (" + why + "); remove it or fix its name and value"));
        }
        return why == null;
    }

    private static String redacted(URI uri) {
        String query = uri.getRawQuery() == null ? "" : "?…";
        return address(uri) + query;
    }

    private static String address(URI uri) {
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + port + path;
    }

    /**
     * The event id as a header value: visible ASCII is kept, anything else (and {@code %}) is percent-encoded as
     * UTF-8, so that any CloudEvents id yields a valid, stable key.
     */
    static String idempotencyKey(String eventId) {
        return encoded(eventId, "%");
    }

    /**
     * The event id as {@code webhook-id}: as {@link #idempotencyKey}, and a {@code .} percent-encoded too, since
     * the Standard Webhooks signature joins id, timestamp and body with dots and an id must not hold one.
     */
    static String webhookId(String eventId) {
        return encoded(eventId, "%.");
    }

    private static String encoded(String eventId, String alsoEncoded) {
        StringBuilder key = new StringBuilder(eventId.length());
        for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
            if (b > 0x20 && b < 0x7f && alsoEncoded.indexOf(b) < 0) {
                key.append((char) b);
            } else {
                key.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return key.toString();
    }
}
