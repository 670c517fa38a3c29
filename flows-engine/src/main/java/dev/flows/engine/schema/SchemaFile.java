package dev.flows.engine.schema;

import com.networknt.schema.InputFormat;
import com.networknt.schema.serialization.NodeReader;
import com.networknt.schema.serialization.node.TokenStreamLocationAware;
import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.SourceLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A schema file read into a tree whose nodes know their line and column, so that every problem found in it
 * points into the file. Duplicate keys are refused (a schema that says two things must not silently mean the
 * last). Stateless.
 */
final class SchemaFile {

    /** Reads with locations; immutable and thread-safe once built. */
    private static final NodeReader READER = NodeReader.builder()
            .jsonMapper(JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .locationAware()
            .build();

    private SchemaFile() {}

    /**
     * Reads and parses a schema file.
     *
     * @throws FlowDefinitionException with one problem in the file if it is missing, too large or not JSON
     */
    static JsonNode read(Path file, String name) {
        byte[] bytes = bytes(file, name);
        JsonNode tree;
        try {
            tree = READER.readTree(new ByteArrayInputStream(bytes), InputFormat.JSON);
        } catch (JacksonException e) {
            TokenStreamLocation where = e.getLocation();
            throw problem(
                    name,
                    where == null ? 0 : where.getLineNr(),
                    where == null ? 0 : where.getColumnNr(),
                    "is not valid JSON: " + withoutSource(e.getOriginalMessage())
                            + "; a schema file is one JSON object, e.g. {\"type\": \"object\", \"required\": [\"order\"]}");
        }
        if (tree == null || tree.isMissingNode()) {
            throw problem(name, 0, 0, "is empty; write a JSON Schema object, e.g. {\"type\": \"object\"}");
        }
        return tree;
    }

    /**
     * Jackson's message less the "(for Array starting at [Source: REDACTED ...])" it appends when sources are
     * hidden from locations: the line and column already say where.
     */
    private static String withoutSource(String message) {
        return message.replaceAll(" \\(for [A-Za-z]+ starting at \\[Source: [^\\]]*\\]\\)", "");
    }

    private static byte[] bytes(Path file, String name) {
        try {
            long size = Files.size(file);
            if (size > EventSchema.MAX_FILE_BYTES) {
                throw problem(
                        name,
                        0,
                        0,
                        "is " + size + " bytes, more than the " + EventSchema.MAX_FILE_BYTES
                                + " a schema file may have; split it into files that refer to each other with $ref");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problem(
                    name,
                    0,
                    0,
                    "does not exist; create it (the path is relative to the flow directory), or correct the path");
        } catch (IOException e) {
            throw problem(name, 0, 0, "cannot be read: " + e + "; check that it is a readable file");
        }
    }

    /** Where the value at {@code pointer} starts in the file, or where its nearest located parent does. */
    static SourceLocation locate(JsonNode tree, String pointer, String name) {
        JsonPointer at = JsonPointer.compile(pointer);
        while (true) {
            JsonNode node = tree.at(at);
            if (node instanceof TokenStreamLocationAware aware && aware.tokenStreamLocation() != null) {
                TokenStreamLocation where = aware.tokenStreamLocation();
                return new SourceLocation(name, where.getLineNr(), where.getColumnNr());
            }
            if (at.matches()) {
                return new SourceLocation(name, 1, 1);
            }
            at = at.head();
        }
    }

    /** A problem in schema file {@code name}; line and column 0 when it is about the file as a whole. */
    static FlowDefinitionException problem(String name, int line, int column, String message) {
        return problem(new SourceLocation(name, line, column), message);
    }

    static FlowDefinitionException problem(SourceLocation where, String message) {
        return new FlowDefinitionException(List.of(new Problem(where, message)));
    }
}
