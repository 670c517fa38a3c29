package dev.flows.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow examples of the README's step sections run as documented: each ```yaml block from "### More
 * steps" on is run by {@code flows test} with the ```jsonl block marked {@code <!-- input -->} after it, and must
 * emit exactly the block marked {@code <!-- expected -->}; a block marked {@code <!-- file: NAME -->} is written
 * next to the flow first.
 */
class ReadmeFlowExamplesTest {

    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!-- (file: [^ ]+|input|expected) -->\\n)?```(yaml|jsonl|json)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path temp;

    @TestFactory
    List<DynamicTest> shouldRunEveryStepExampleOfTheReadme() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String sections = readme.substring(readme.indexOf("### More steps"), readme.indexOf("## HTTP API"));
        List<Example> examples = new ArrayList<>();
        List<String[]> files = new ArrayList<>();
        Example current = null;
        Matcher block = BLOCK.matcher(sections);
        while (block.find()) {
            String marker = block.group(1) == null ? "" : block.group(1);
            String text = block.group(3);
            if (marker.startsWith("file: ")) {
                files.add(new String[] {marker.substring("file: ".length()), text});
            } else if (block.group(2).equals("yaml")) {
                current = new Example(text, new ArrayList<>(files));
                files.clear();
                examples.add(current);
            } else if (marker.equals("input") && current != null) {
                current.input = text;
            } else if (marker.equals("expected") && current != null) {
                current.expected = text;
            }
        }
        assertThat(examples).as("flow examples in the README's step sections").hasSizeGreaterThanOrEqualTo(4);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            String name = example.yaml.lines().findFirst().orElse("example " + i);
            Path directory = temp.resolve("example-" + i);
            tests.add(DynamicTest.dynamicTest(name, () -> run(example, directory)));
        }
        return tests;
    }

    private static void run(Example example, Path directory) throws Exception {
        assertThat(example.input).as("an <!-- input --> block after the flow").isNotNull();
        assertThat(example.expected)
                .as("an <!-- expected --> block after the flow")
                .isNotNull();
        Files.createDirectories(directory);
        for (String[] file : example.files) {
            Files.writeString(directory.resolve(file[0]), file[1]);
        }
        Path flow = Files.writeString(directory.resolve("flow.yaml"), example.yaml);
        Path input = Files.writeString(directory.resolve("input.jsonl"), example.input);
        Path expected = Files.writeString(directory.resolve("expected.jsonl"), example.expected);

        Cli.Run run =
                Cli.run("", "test", flow.toString(), "--input", input.toString(), "--expect", expected.toString());

        assertThat(run.exitCode())
                .as("flows test said:%n%s%s", run.out(), run.err())
                .isZero();
    }

    /** One flow of the README with what it reads and what it must emit. */
    private static final class Example {
        final String yaml;
        final List<String[]> files;
        String input;
        String expected;

        Example(String yaml, List<String[]> files) {
            this.yaml = yaml;
            this.files = files;
        }
    }
}
