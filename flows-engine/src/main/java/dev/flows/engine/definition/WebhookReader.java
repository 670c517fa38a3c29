package dev.flows.engine.definition;

import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a {@code webhook:} destination: a URL alone, or a map with {@code url}, {@code headers}, {@code
 * retry} ({@code attempts}, {@code backoff}, {@code max-backoff}), {@code dead-letter}, and the options that
 * {@link WebhookOptionsReader} reads ({@code name}, {@code secret}, {@code body}, {@code content-type},
 * {@code allow-private}). The URL, header values and secret may use {@code ${NAME}} and {@code
 * ${NAME:-default}} from the environment; messages quote them as written, so secrets from the environment
 * never reach a log. Not thread-safe.
 */
final class WebhookReader {

    private static final String URL_EXAMPLE = "https://hooks.example.com/flows";
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private final YamlFile file;

    WebhookReader(YamlFile file) {
        this.file = file;
    }

    Optional<Destination> read(Node item, Node value) {
        if (value instanceof ScalarNode && !YamlFile.isNull(value)) {
            return url(value)
                    .map(url -> new Destination.ToWebhook(
                            url, Map.of(), RetryPolicy.DEFAULT, ChannelDefinition.DEAD_LETTER, file.at(item)));
        }
        Optional<MappingNode> map = file.map(
                value,
                "'webhook' must be a URL or a map with url and optionally headers, retry and dead-letter",
                "webhook: { url: " + URL_EXAMPLE + " }");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.WEBHOOK);
        Optional<String> url = fields.required("url", "a webhook destination needs a 'url', e.g. url: " + URL_EXAMPLE)
                .flatMap(this::url);
        Map<String, String> headers = fields.value("headers").map(this::headers).orElse(Map.of());
        RetryPolicy retry =
                fields.value("retry").map(new RetryReader(file)::read).orElse(RetryPolicy.DEFAULT);
        Optional<Node> deadLetterNode = fields.value("dead-letter");
        Optional<String> deadLetter = deadLetterNode.flatMap(this::deadLetter);
        if (url.isEmpty() || (deadLetterNode.isPresent() && deadLetter.isEmpty())) {
            return Optional.empty();
        }
        Destination.ToWebhook plain = new Destination.ToWebhook(
                url.get(), headers, retry, deadLetter.orElse(ChannelDefinition.DEAD_LETTER), file.at(item));
        Destination webhook = new WebhookOptionsReader(file).read(fields, plain);
        deadLetterNode.ifPresent(
                node -> file.references().put(webhook, ReferenceLocations.Part.CHANNEL, file.at(node)));
        return Optional.of(webhook);
    }

    private Optional<String> url(Node node) {
        return file.text(node, "a webhook 'url' must be an http or https URL", URL_EXAMPLE)
                .flatMap(written -> file.expand(node, written, "webhook url '" + written + "'")
                        .filter(url -> validUrl(node, written, url)));
    }

    private boolean validUrl(Node node, String written, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return true;
            }
        } catch (URISyntaxException e) {
            // reported below, with the URL as written
        }
        String expanded = written.contains("${") ? " (after expanding environment variables)" : "";
        file.problem(
                node,
                "webhook url '" + written + "'" + expanded + " is not an absolute http or https URL;" + " use e.g. "
                        + URL_EXAMPLE);
        return false;
    }

    /** A {@code headers} map, each value with {@code ${NAME}} expanded; shared with workflows' http steps. */
    Map<String, String> headers(Node node) {
        Map<String, String> headers = new LinkedHashMap<>();
        Optional<MappingNode> map = file.map(
                node, "'headers' must be a map from header name to value", "headers: { X-Token: \"${TOKEN}\" }");
        for (NodeTuple tuple : map.map(MappingNode::getValue).orElse(List.of())) {
            Optional<String> name = file.text(tuple.getKeyNode(), "a header name must be a name", "X-Token")
                    .filter(text -> validHeader(tuple.getKeyNode(), text));
            Optional<String> value = file.text(
                            tuple.getValueNode(), "header '" + name.orElse("?") + "' needs a value", "\"${TOKEN}\"")
                    .flatMap(
                            written -> file.expand(tuple.getValueNode(), written, "header '" + name.orElse("?") + "'"));
            if (name.isPresent() && value.isPresent()) {
                headers.put(name.get(), value.get());
            }
        }
        return headers;
    }

    private boolean validHeader(Node node, String name) {
        if (HEADER_NAME.matcher(name).matches()) {
            return true;
        }
        file.problem(node, "header name '" + name + "' is not valid; use letters, digits and '-', e.g. X-Token");
        return false;
    }

    private Optional<String> deadLetter(Node node) {
        return new Scalars(file).deadLetter(node, "orders.dlq");
    }
}
