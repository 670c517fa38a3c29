package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channels' JSON Schema files, checked by the linter with the flow directory: each unusable file is a problem at
 * the {@code schema:} that names it, with the file's own line and column where the fault is inside it.
 */
class ChannelSchemaChecksTest {

    @TempDir
    Path directory;

    private void write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void shouldReportSchemaFilesThatAreMissingMalformedOrNotA202012Schema() throws IOException {
        write("channels.yaml", """
                channels:
                  - name: good
                    schema: schemas/good.json
                  - name: missing
                    schema: schemas/missing.json
                  - name: broken
                    schema: schemas/broken.json
                  - name: wrong
                    schema: schemas/wrong.json
                  - name: draft7
                    schema: schemas/draft7.json
                  - name: twice
                    schema: schemas/twice.json
                """);
        write("schemas/good.json", "{\"type\": \"object\", \"required\": [\"order\"]}");
        write("schemas/broken.json", "{\n  \"type\": \"object\",\n  \"required\": [\"order\"\n}\n");
        write(
                "schemas/wrong.json",
                "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"amount\": {\"minimum\": \"0\"}\n  }\n}\n");
        write("schemas/draft7.json", "{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\"\n}\n");
        write("schemas/twice.json", "{\"type\": \"object\",\n \"type\": \"string\"}");

        assertThat(FlowDirectory.lint(directory))
                .map(Problem::toString)
                .satisfiesExactly(
                        missing -> assertThat(missing)
                                .isEqualTo(
                                        "channels.yaml:5:13: schema file schemas/missing.json: does not exist; create it (the"
                                                + " path is relative to the flow directory), or correct the path"),
                        broken -> assertThat(broken)
                                .isEqualTo(
                                        "channels.yaml:7:13: schema file schemas/broken.json:4:1: is not valid JSON: Unexpected close"
                                                + " marker '}': expected ']'; a schema file is one JSON object, e.g. {\"type\":"
                                                + " \"object\", \"required\": [\"order\"]}"),
                        wrong -> assertThat(wrong)
                                .isEqualTo(
                                        "channels.yaml:9:13: schema file schemas/wrong.json:4:27: is not a valid JSON Schema"
                                                + " (draft 2020-12): at /properties/amount/minimum, string found, number expected; see"
                                                + " https://json-schema.org/draft/2020-12/json-schema-validation for each keyword's form"),
                        draft7 -> assertThat(draft7)
                                .startsWith(
                                        "channels.yaml:11:13: schema file schemas/draft7.json:2:14: declares $schema"
                                                + " \"http://json-schema.org/draft-07/schema#\", but Flows checks event data with JSON"
                                                + " Schema draft 2020-12 only"),
                        twice -> assertThat(twice)
                                .startsWith(
                                        "channels.yaml:13:13: schema file schemas/twice.json:2:8: is not valid JSON:")
                                .contains("Duplicate"));
    }

    @Test
    void shouldRefuseToLoadADirectoryWhoseSchemaIsBad() throws IOException {
        write("channels.yaml", "channels:\n  - name: web\n    schema: web.json\n");
        write("web.json", "{\"type\": \"objekt\"}");

        assertThatThrownBy(() -> FlowDirectory.load(directory))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessageContaining("channels.yaml:3:13: schema file web.json:1:10: is not a valid JSON Schema");
    }
}
