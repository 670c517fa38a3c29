package dev.flows.engine.definition;

import dev.flows.api.flow.IngestPolicy;
import dev.flows.api.flow.SourceLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads what HTTP ingest checks for one channel map into an {@link IngestPolicy}, starting from
 * {@link IngestPolicy#NONE}:
 *
 * <pre>
 * - name: web
 *   schema: schemas/web.json     # JSON Schema 2020-12 for each event's data, relative to the flow directory
 *   dedupe: 10m                  # a repeated source + id within 10 minutes is not stored twice
 *   rate-limit: 5000/s           # more events per second get 429
 *   browser:
 *     origins: [https://shop.example]   # pages of these origins may post with /sdk/flows.js; * for any
 * </pre>
 *
 * Whether the schema file exists and is a schema is checked with the flow directory ({@code FlowValidator}).
 * A bad value is reported and the setting left off. Not thread-safe.
 */
final class IngestPolicyReader {

    private static final long MAX_RATE = 100_000_000;

    private final YamlFile file;
    private final Scalars scalars;

    IngestPolicyReader(YamlFile file) {
        this.file = file;
        this.scalars = new Scalars(file);
    }

    IngestPolicy read(MapFields channel) {
        Optional<Node> schemaNode = channel.value("schema");
        String schema = schemaNode
                .flatMap(node -> file.text(node, "'schema' must be a file path", "schema: schemas/shop.json"))
                .orElse(null);
        SourceLocation schemaLocation = schema == null ? null : file.at(schemaNode.orElseThrow());
        Duration dedupe = channel.value("dedupe")
                .flatMap(node -> scalars.positiveDuration(node, "dedupe window"))
                .orElse(null);
        long rate = channel.value("rate-limit").flatMap(this::rate).orElse(0L);
        List<String> origins = channel.value("browser").map(this::origins).orElse(List.of());
        return new IngestPolicy(schema, schemaLocation, dedupe, rate, origins);
    }

    private Optional<Long> rate(Node node) {
        String expected = "'rate-limit' must be a number of events per second";
        Optional<String> text = file.text(node, expected, "rate-limit: 5000/s");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().strip().toLowerCase(Locale.ROOT);
        String number =
                value.endsWith("/s") ? value.substring(0, value.length() - 2).strip() : value;
        try {
            long rate = Long.parseLong(number.replace("_", ""));
            if (rate >= 1 && rate <= MAX_RATE) {
                return Optional.of(rate);
            }
        } catch (NumberFormatException e) {
            // reported below, with the value as written
        }
        file.problem(
                node,
                expected + " from 1 to " + MAX_RATE + ", found '" + text.get() + "'; write e.g. rate-limit: 5000/s");
        return Optional.empty();
    }

    private List<String> origins(Node node) {
        Optional<MappingNode> map = file.map(
                node,
                "'browser' must be a map; " + MapShape.BROWSER.allowed(),
                "browser: { origins: [https://shop.example] }");
        if (map.isEmpty()) {
            return List.of();
        }
        MapFields browser = MapFields.read(file, map.get(), MapShape.BROWSER);
        Optional<Node> originsNode = browser.required(
                "origins",
                "'browser' needs 'origins', the web origins whose pages may post, e.g. origins: [https://shop.example]");
        Optional<SequenceNode> list = originsNode.flatMap(value -> file.list(
                value,
                "'origins' must be a list of web origins",
                "origins: [https://shop.example, http://localhost:3000]"));
        List<String> origins = new ArrayList<>();
        list.ifPresent(items -> items.getValue().forEach(item -> origin(item).ifPresent(origins::add)));
        if (list.isPresent() && list.get().getValue().isEmpty()) {
            file.problem(list.get(), "'origins' is empty; list at least one web origin, e.g. [https://shop.example]");
        }
        return origins;
    }

    /** An origin is a scheme, a host and an optional port, as browsers send it in the Origin header. */
    private Optional<String> origin(Node item) {
        Optional<String> text = file.text(item, "an origin must be text", "- https://shop.example");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String origin = text.get().strip();
        if (origin.equals("*")) {
            return Optional.of(origin);
        }
        try {
            URI uri = new URI(origin);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            if (web && bare) {
                return Optional.of(origin.toLowerCase(Locale.ROOT));
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        file.problem(
                item,
                "origin '" + origin + "' is not a web origin; write the scheme, host and port only, as browsers send"
                        + " it, e.g. https://shop.example or http://localhost:3000 (no path), or * for any origin");
        return Optional.empty();
    }
}
