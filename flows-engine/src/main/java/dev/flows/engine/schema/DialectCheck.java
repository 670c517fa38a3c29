package dev.flows.engine.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import dev.flows.api.flow.SourceLocation;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks that a schema file is a JSON Schema of draft 2020-12: it names no other draft in {@code $schema}, and it
 * validates against the 2020-12 meta-schema, so a misspelt type ({@code "objekt"}) or a keyword of the wrong kind
 * ({@code "minimum": "0"}) is reported at its line and column instead of silently checking nothing. The
 * validator alone would compile most such schemas without a word. Stateless.
 */
final class DialectCheck {

    static final String DIALECT = SchemaSources.META_SCHEMAS + "schema";

    private DialectCheck() {}

    /**
     * @throws dev.flows.api.error.FlowDefinitionException at the first offending value of the file
     */
    static void require(SchemaRegistry registry, JsonNode tree, String name) {
        JsonNode declared = tree.path("$schema");
        if (!declared.isMissingNode() && !DIALECT.equals(stripHash(declared.asString("")))) {
            throw SchemaFile.problem(
                    SchemaFile.locate(tree, "/$schema", name),
                    "declares $schema " + declared + ", but Flows checks event data with JSON Schema draft 2020-12"
                            + " only; remove $schema or set it to \"" + DIALECT + "\"");
        }
        Schema meta = registry.getSchema(SchemaLocation.of(DIALECT));
        List<Error> errors = meta.validate(tree);
        if (errors.isEmpty()) {
            return;
        }
        Error first = errors.stream()
                .min(Comparator.comparing(
                        (Error error) -> SchemaFile.locate(tree, pointer(error), name),
                        Comparator.comparingInt(SourceLocation::line).thenComparingInt(SourceLocation::column)))
                .orElseThrow();
        String pointer = pointer(first);
        throw SchemaFile.problem(
                SchemaFile.locate(tree, pointer, name),
                "is not a valid JSON Schema (draft 2020-12): at " + (pointer.isEmpty() ? "the top" : pointer) + ", "
                        + first.getMessage() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")
                        + "; see https://json-schema.org/draft/2020-12/json-schema-validation for each keyword's form");
    }

    private static String pointer(Error error) {
        return error.getInstanceLocation().toString();
    }

    private static String stripHash(String uri) {
        return uri.endsWith("#") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
