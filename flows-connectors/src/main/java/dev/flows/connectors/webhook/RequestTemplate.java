package dev.flows.connectors.webhook;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.SourceLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The request every delivery of one webhook destination starts from: URL, timeout and headers, checked
 * once when the sink is built. Immutable, so thread-safe.
 *
 * <p>Header precedence: the destination's headers may replace {@code User-Agent}, but not
 * {@code Content-Type} (the format decides the body) nor {@code Idempotency-Key} (receivers dedupe on it).
 */
final class RequestTemplate {

    static final String USER_AGENT = "flows-webhook/1";

    private final HttpRequest template;
    private final String target;
    private final String address;

    private RequestTemplate(HttpRequest template, String target, String address) {
        this.template = template;
        this.target = target;
        this.address = address;
    }

    /**
     * @throws FlowDefinitionException listing every problem with the URL and the headers
     */
    static RequestTemplate of(Destination.ToWebhook spec, String mediaType, Duration requestTimeout) {
        List<Problem> problems = new ArrayList<>();
        SourceLocation where = spec.location() == null ? SourceLocation.JAVA : spec.location();
        URI uri = parse(spec.url(), where, problems);
        HttpRequest.Builder builder = HttpRequest.newBuilder()
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.noBody())
                .setHeader("User-Agent", USER_AGENT);
        spec.headers().forEach((name, value) -> setHeader(builder, name, value, where, problems));
        builder.setHeader("Content-Type", mediaType);
        if (!problems.isEmpty()) {
            throw new FlowDefinitionException(problems);
        }
        return new RequestTemplate(builder.uri(uri).build(), "POST " + redacted(uri), address(uri));
    }

    /** The request for one event; the same event always gets the same {@code Idempotency-Key}. */
    HttpRequest forEvent(String eventId, byte[] body) {
        return HttpRequest.newBuilder(template, (name, value) -> true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .setHeader("Idempotency-Key", idempotencyKey(eventId))
                .build();
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

    private static void setHeader(
            HttpRequest.Builder builder, String name, String value, SourceLocation where, List<Problem> problems) {
        try {
            builder.setHeader(name, value);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(
                    where,
                    "webhook header '" + name + "' cannot be sent (" + e.getMessage()
                            + "); remove it or fix its name and value"));
        }
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
     * The event id as a header value: visible ASCII is kept, anything else (and {@code %}) is
     * percent-encoded as UTF-8, so that any CloudEvents id yields a valid, stable key.
     */
    static String idempotencyKey(String eventId) {
        StringBuilder key = new StringBuilder(eventId.length());
        for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
            if (b > 0x20 && b < 0x7f && b != '%') {
                key.append((char) b);
            } else {
                key.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return key.toString();
    }
}
