package dev.flows.engine.definition;

import dev.flows.api.flow.Expression;
import dev.flows.api.flow.Lookup;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads an {@code enrich} step:
 *
 * <pre>
 * - enrich:
 *     file: regions.json       # a lookup file relative to the flow directory, or  table: customers
 *     key: data.country        # CEL giving the key to look up
 *     into: data.region        # a data field or an extension name
 *     default: '"OTHER"'       # optional CEL giving the value when the key has no entry
 * </pre>
 *
 * Whether the file exists and holds a lookup is {@link FlowValidator}'s check, which knows the flow
 * directory. Not thread-safe.
 */
final class EnrichReader {

    private static final String EXAMPLE = "enrich: { file: regions.json, key: data.country, into: data.region }";
    private static final List<String> LOOKUPS = List.of("file", "table");

    private final YamlFile file;

    EnrichReader(YamlFile file) {
        this.file = file;
    }

    Optional<Step> read(Node value, OnError onError, SourceLocation where) {
        Optional<MappingNode> map = file.map(value, "'enrich' must be a map with file or table, key and into", EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.ENRICH);
        Optional<Lookup> lookup = fields.onlyOneOf(LOOKUPS, EXAMPLE, "keep one")
                .flatMap(kind -> lookup(kind, fields.value(kind).orElseThrow()));
        Optional<Expression> key = fields.required(
                        "key",
                        "an enrich step needs 'key', a CEL expression giving the key to look up, e.g. key:"
                                + " data.country")
                .flatMap(node ->
                        file.expression(node, "an enrich's 'key' must be a CEL expression", "key: data.country"));
        Optional<String> into = fields.required(
                        "into", "an enrich step needs 'into', where the value found goes, e.g. into: data.region")
                .flatMap(this::into);
        Optional<Node> defaultNode = fields.value("default");
        Optional<Expression> fallback = defaultNode.flatMap(node ->
                file.expression(node, "an enrich's 'default' must be a CEL expression", "default: '\"OTHER\"'"));
        if (lookup.isEmpty() || key.isEmpty() || into.isEmpty() || (defaultNode.isPresent() && fallback.isEmpty())) {
            return Optional.empty();
        }
        Step enrich = new Step.Enrich(lookup.get(), key.get(), into.get(), fallback.orElse(null), onError, where);
        file.reference(
                lookup.get(),
                ReferenceLocations.Part.LOOKUP,
                fields.value(kindOf(lookup.get())).orElseThrow());
        return Optional.of(enrich);
    }

    private Optional<Lookup> lookup(String kind, Node node) {
        if (kind.equals("table")) {
            Optional<String> table = file.text(node, "an enrich's 'table' must be a table name", "table: customers");
            Optional<String> problem = table.flatMap(name -> Names.check("table name", name, "customers"));
            problem.ifPresent(message -> file.problem(node, message));
            return problem.isPresent() ? Optional.empty() : table.map(Lookup.FromTable::new);
        }
        return file.text(node, "an enrich's 'file' must be a path relative to the flow directory", "file: regions.json")
                .filter(path -> relative(node, path))
                .map(Lookup.FromFile::new);
    }

    private boolean relative(Node node, String path) {
        try {
            if (!Path.of(path).isAbsolute()) {
                return true;
            }
            file.problem(
                    node,
                    "lookup file '" + path + "' is an absolute path; give it relative to the flow directory, so that"
                            + " the flows and their data move together, e.g. file: regions.json");
        } catch (InvalidPathException e) {
            file.problem(
                    node,
                    "lookup file '" + path + "' is not a valid path: " + e.getReason() + "; e.g. file:"
                            + " regions.json");
        }
        return false;
    }

    private Optional<String> into(Node node) {
        Optional<String> path = file.text(node, "an enrich's 'into' must be a field path", "into: data.region");
        Optional<String> problem = path.flatMap(
                text -> FieldPaths.checkDataOrExtension(text, "write the lookup result into", "data.region"));
        problem.ifPresent(message -> file.problem(node, message));
        return problem.isPresent() ? Optional.empty() : path;
    }

    private static String kindOf(Lookup lookup) {
        return switch (lookup) {
            case Lookup.FromFile ignored -> "file";
            case Lookup.FromTable ignored -> "table";
        };
    }
}
