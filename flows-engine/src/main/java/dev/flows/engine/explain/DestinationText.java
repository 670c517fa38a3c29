package dev.flows.engine.explain;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.RetryPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Describes a destination: one line that names it, and detail lines for what it computes. Secrets stay out:
 * a webhook's header values and the user information and query of its URL may come from the environment
 * ({@code ${TOKEN}}), so only header names and the URL's scheme, host and path are written. Stateless.
 */
final class DestinationText {

    private DestinationText() {}

    /** The destination on one line, such as {@code channel alerts} or {@code table revenue  key data.user}. */
    static String line(Destination destination) {
        return switch (destination) {
            case Destination.ToChannel to -> "channel " + to.channel();
            case Destination.ToTable to -> "table " + to.table() + "  key " + Expressions.text(to.key());
            case Destination.ToPush to ->
                "push " + to.channel() + "  "
                        + (to.user() == null ? "to every subscriber" : "user " + Expressions.text(to.user()));
            case Destination.ToWebhook to ->
                "webhook POST " + safeUrl(to.url()) + "  " + retry(to.retry()) + "  dead-letter " + to.deadLetter();
        };
    }

    /** The destination's name only, for the compact lists of a route. */
    static String name(Destination destination) {
        return switch (destination) {
            case Destination.ToChannel to -> "channel " + to.channel();
            case Destination.ToTable to -> "table " + to.table();
            case Destination.ToPush to -> "push " + to.channel();
            case Destination.ToWebhook to -> "webhook " + safeUrl(to.url());
        };
    }

    /** Lines under {@link #line}: a table's computed fields, a webhook's header names. */
    static List<String> details(Destination destination) {
        List<String> details = new ArrayList<>();
        switch (destination) {
            case Destination.ToChannel to -> {}
            case Destination.ToPush to -> {}
            case Destination.ToTable to -> {
                for (FieldAssignment field : to.set()) {
                    details.add("row." + field.path() + " = " + Expressions.text(field.value()));
                }
            }
            case Destination.ToWebhook to -> {
                if (!to.headers().isEmpty()) {
                    details.add("headers "
                            + String.join(", ", new TreeSet<>(to.headers().keySet())));
                }
            }
        }
        return details;
    }

    private static String retry(RetryPolicy retry) {
        return "retry " + retry.maxAttempts() + (retry.maxAttempts() == 1 ? " attempt" : " attempts") + ", backoff "
                + DurationFormat.of(retry.initialBackoff()) + ".." + DurationFormat.of(retry.maxBackoff());
    }

    /** Scheme, host, port and path; user information and query are left out, as they may hold secrets. */
    static String safeUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "<url not shown>";
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?...";
            return uri.getScheme() + "://" + uri.getHost() + port + path + query;
        } catch (URISyntaxException e) {
            return "<url not shown>";
        }
    }
}
