package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.expression.CelCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flow files shown in the README are valid flow files. */
class ReadmeTest {

    @TempDir
    Path temp;

    @Test
    void shouldLintTheReadmeFlowFileClean() throws Exception {
        String readme =
                Files.readString(ShopExample.source().resolve("../../README.md").normalize());
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(yaml.find()).as("README has a ```yaml block").isTrue();
        Files.writeString(temp.resolve("readme.yaml"), yaml.group(1));

        assertThat(FlowDirectory.lint(temp, Map.of("TOKEN", "secret"), new CelCompiler()))
                .isEmpty();
    }

    @Test
    void shouldLintTheScheduleAndSystemEventExamplesClean() throws Exception {
        String readme =
                Files.readString(ShopExample.source().resolve("../../README.md").normalize());
        String sections = readme.substring(readme.indexOf("### Schedules"), readme.indexOf("### More steps"));
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(sections);
        int examples = 0;
        while (yaml.find()) {
            Files.writeString(temp.resolve("example-" + examples++ + ".yaml"), yaml.group(1));
        }
        Files.writeString(temp.resolve("channels.yaml"), "channels: [ audit ]\n");

        assertThat(examples).isEqualTo(2);
        assertThat(FlowDirectory.lint(temp, Map.of(), new CelCompiler())).isEmpty();
    }

    @Test
    void shouldShowTheOrderWorkflowExactlyAsTheExampleFileHasIt() throws Exception {
        Path root = ShopExample.source().resolve("../..").normalize();
        String readme = Files.readString(root.resolve("README.md"));
        String section =
                readme.substring(readme.indexOf("## Workflows"), readme.indexOf("## One flow, three destinations"));
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(yaml.find()).as("the Workflows section has a ```yaml block").isTrue();

        assertThat(yaml.group(1)).isEqualTo(Files.readString(root.resolve("examples/shop/order-fulfilment.yaml")));
        assertThat(FlowDirectory.lint(root.resolve("examples/shop"), Map.of(), new CelCompiler()))
                .isEmpty();
    }
}
