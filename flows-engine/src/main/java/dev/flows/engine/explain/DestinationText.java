package dev.flows.engine.explain;

import dev.flows.api.flow.ColumnMerge;
import dev.flows.api.flow.DatabaseColumn;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.FieldAssignment;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.TableMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Describes a destination: one line that names it, and detail lines for what it computes. Secrets stay out:
 * a webhook's header values and the user information and query of its URL may come from the environment
 * ({@code ${TOKEN}}), so only header names and the URL's scheme, host and path are written; a database's
 * password never, nor its URL's user information and query. Stateless.
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
            case Destination.ToDatabase to ->
                to.kind().yamlName() + " " + to.safeUrl() + "  table " + to.table() + "  key "
                        + String.join(", ", to.key()) + "  batch " + to.batch() + "  " + retry(to.retry())
                        + "  dead-letter " + to.deadLetter();
            case Destination.ToEmail to ->
                "email " + to.smtp().address() + " " + to.smtp().tls().text() + "  " + retry(to.retry())
                        + "  dead-letter " + to.deadLetter();
        };
    }

    /** The destination's name only, for the compact lists of a route. */
    static String name(Destination destination) {
        return switch (destination) {
            case Destination.ToChannel to -> "channel " + to.channel();
            case Destination.ToTable to -> "table " + to.table();
            case Destination.ToPush to -> "push " + to.channel();
            case Destination.ToWebhook to -> "webhook " + safeUrl(to.url());
            case Destination.ToDatabase to -> to.kind().yamlName() + " " + to.table();
            case Destination.ToEmail to -> "email " + to.smtp().address();
        };
    }

    /**
     * Lines under {@link #line}: a table's conditions, its mode when not the default, and its computed fields; a
     * webhook's header names.
     */
    static List<String> details(Destination destination) {
        List<String> details = new ArrayList<>();
        switch (destination) {
            case Destination.ToChannel to -> {}
            case Destination.ToPush to -> {}
            case Destination.ToTable to -> {
                if (to.when() != null) {
                    details.add("when " + Expressions.text(to.when()));
                }
                if (to.delete() != null) {
                    details.add("delete when " + Expressions.text(to.delete()));
                }
                if (to.mode() != TableMode.defaultFor(!to.set().isEmpty())) {
                    details.add("mode " + to.mode().yamlName());
                }
                for (FieldAssignment field : to.set()) {
                    details.add("row." + field.path() + " = " + Expressions.text(field.value()));
                }
            }
            case Destination.ToWebhook to -> {
                if (!to.headers().isEmpty()) {
                    details.add("headers "
                            + String.join(", ", new TreeSet<>(to.headers().keySet())));
                }
                webhookOptions(to, details);
            }
            case Destination.ToDatabase to -> {
                for (DatabaseColumn column : to.columns()) {
                    String merge = column.merge() == ColumnMerge.REPLACE
                            ? ""
                            : "  (" + column.merge().yamlName() + " on update)";
                    details.add(column.name() + " = " + Expressions.text(column.value()) + merge);
                }
            }
            case Destination.ToEmail to -> EmailText.details(to, details);
        }
        return details;
    }

    /** Name, signing, body and private addresses, only when the flow file sets them; never the secret. */
    private static void webhookOptions(Destination.ToWebhook to, List<String> details) {
        to.name().ifPresent(name -> details.add("name " + name));
        to.secret().ifPresent(secret -> details.add("signed (Standard Webhooks)"));
        to.body().ifPresent(body -> details.add("body template, " + to.contentType()));
        if (to.allowPrivate()) {
            details.add("allows private addresses");
        }
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
