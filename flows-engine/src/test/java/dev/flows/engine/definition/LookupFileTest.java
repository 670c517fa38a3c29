package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupFileTest {

    @TempDir
    Path directory;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    /** The one problem loading {@code name} gives, as the linter prints it. */
    private String problem(String name, String content) throws IOException {
        Path file = write(name, content);
        FlowDefinitionException thrown =
                catchThrowableOfType(FlowDefinitionException.class, () -> LookupFile.load(file, name));
        assertThat(thrown).isNotNull();
        assertThat(thrown.problems()).hasSize(1);
        return thrown.problems().getFirst().toString();
    }

    @Test
    void shouldReadAJsonObjectWithEventDataValues() throws IOException {
        Path file = write("regions.json", """
                {
                  "DE": "EU",
                  "US": { "region": "AMER", "vat": 0.0, "states": 50, "codes": ["US", "USA"], "eu": false },
                  "XX": null
                }
                """);

        Map<String, Object> lookup = LookupFile.load(file);

        assertThat(lookup).containsOnlyKeys("DE", "US", "XX");
        assertThat(new ArrayList<>(lookup.keySet())).containsExactly("DE", "US", "XX");
        assertThat(lookup.get("DE")).isEqualTo("EU");
        assertThat(lookup.get("US"))
                .isEqualTo(Map.of(
                        "region", "AMER", "vat", 0.0, "states", 50L, "codes", List.of("US", "USA"), "eu", false));
        assertThat(lookup.get("XX")).isNull();
    }

    @Test
    void shouldReadACsvFileByItsHeaderWithQuotesCrlfBomAndBlankLines() throws IOException {
        String csv = "\uFEFFcountry, region ,name\r\n"
                + "DE,EU,Germany\r\n"
                + "\r\n"
                + "US,AMER,\"United States, \"\"USA\"\"\"\r\n"
                + "XX,,\"two\nlines\"\r\n";
        Path file = write("regions.csv", csv);

        Map<String, Object> lookup = LookupFile.load(file);

        assertThat(new ArrayList<>(lookup.keySet())).containsExactly("DE", "US", "XX");
        assertThat(lookup.get("DE")).isEqualTo(Map.of("region", "EU", "name", "Germany"));
        assertThat(lookup.get("US")).isEqualTo(Map.of("region", "AMER", "name", "United States, \"USA\""));
        assertThat(lookup.get("XX")).isEqualTo(Map.of("region", "", "name", "two\nlines"));
    }

    @Test
    void shouldRefuseChangesToTheLoadedLookup() throws IOException {
        Map<String, Object> lookup = LookupFile.load(write("a.csv", "k,v\na,1\n"));

        assertThatThrownBy(() -> lookup.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldLocateJsonProblemsAtTheirLineAndColumn() throws IOException {
        assertThat(problem("a.json", "{\n  \"DE\": \"EU\",\n  \"FR\" \"EU\"\n}\n"))
                .startsWith("a.json:3:8: is not valid JSON: Unexpected character ('\"' (code 34)): was expecting a"
                        + " colon to separate property name and value; fix the syntax: a JSON lookup file is one"
                        + " object from key to value");
        assertThat(problem("b.json", "{\n  \"DE\": \"EU\",\n  \"DE\": \"EU2\"\n}\n"))
                .isEqualTo("b.json:3:3: has the key 'DE' twice, here and at line 2; keep one, since a lookup gives one"
                        + " value per key");
        assertThat(problem("c.json", "\n[\"DE\", \"EU\"]\n"))
                .isEqualTo("c.json:2:1: is a JSON array, not an object; a JSON lookup file is one object from key to"
                        + " value, e.g. {\"DE\": \"EU\", \"US\": \"AMER\"}");
        assertThat(problem("d.json", "{\"DE\": \"EU\"}\n{}\n"))
                .isEqualTo("d.json:2:1: has more after the end of its object; a JSON lookup file is one object from"
                        + " key to value, e.g. {\"DE\": \"EU\", \"US\": \"AMER\"}");
        assertThat(problem("e.json", "  \n"))
                .isEqualTo("e.json: is empty; a JSON lookup file is one object from key to value, e.g. {\"DE\":"
                        + " \"EU\", \"US\": \"AMER\"}");
        assertThat(problem("f.json", "{\"DE\": [1, 2\n"))
                .startsWith("f.json:2:1: is not valid JSON: Unexpected end-of-input");
    }

    @Test
    void shouldLocateCsvProblemsAtTheirLine() throws IOException {
        assertThat(problem("a.csv", "country,region\nDE,EU\nFR\n"))
                .isEqualTo("a.csv:3:1: has 1 field on this line and 2 fields in its header; give every line one value"
                        + " per column, and quote values that contain commas, e.g. \"Berlin, DE\"");
        assertThat(problem("b.csv", "country,region\nDE,EU\n\nDE,EU2\n"))
                .isEqualTo("b.csv:4:1: has the key 'DE' again, first at line 2; keep one line per key, since a lookup"
                        + " gives one value per key");
        assertThat(problem("c.csv", "country,region\nDE,\"EU\n"))
                .isEqualTo("c.csv:2:4: has a quoted field that is never closed; end it with \", and write a quote"
                        + " inside it as \"\"");
        assertThat(problem("d.csv", "country,region\nDE,\"EU\"x\n"))
                .isEqualTo("d.csv:2:8: has 'x' after a closing quote; put a comma after the closing quote, and write a"
                        + " quote inside a quoted field as \"\"");
        assertThat(problem("e.csv", "country,,region\n"))
                .isEqualTo("e.csv:1:1: has a header column without a name (column 2); a CSV lookup file has a header"
                        + " line naming its columns, then one line per key, e.g. country,region");
        assertThat(problem("f.csv", "country,region,country\n"))
                .isEqualTo("f.csv:1:1: names the column 'country' twice in its header; give every column its own"
                        + " name");
        assertThat(problem("g.csv", "\n\n"))
                .isEqualTo("g.csv: is empty; a CSV lookup file has a header line naming its columns, then one line per"
                        + " key, e.g. country,region");
    }

    @Test
    void shouldReportFilesThatAreMissingNotUtf8OrOfAnotherKind() throws IOException {
        Files.write(directory.resolve("latin.csv"), "k,v\nM\u00fcnchen,1\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> LookupFile.load(directory.resolve("missing.json"), "missing.json"))
                .isInstanceOfSatisfying(
                        FlowDefinitionException.class,
                        e -> assertThat(e.problems())
                                .map(Problem::toString)
                                .containsExactly(
                                        "missing.json: does not exist; create it (paths are relative to the flow"
                                                + " directory), or correct the path"));
        assertThatThrownBy(() -> LookupFile.load(directory.resolve("latin.csv"), "latin.csv"))
                .hasMessage("latin.csv: is not UTF-8 text; save it as UTF-8");
        assertThat(problem("regions.yaml", "DE: EU\n"))
                .isEqualTo("regions.yaml: is not a lookup file: a lookup file is a JSON object (name ending .json) or"
                        + " a CSV file with a header line (.csv); convert it, or rename it if it is one of those");
    }

    @Test
    void shouldNameTheFileByItsPathWhenNoNameIsGiven() throws IOException {
        Path file = write("a.csv", "k,v\nx\n");

        assertThatThrownBy(() -> LookupFile.load(file)).hasMessageStartingWith(file + ":2:1: has 1 field");
    }
}
