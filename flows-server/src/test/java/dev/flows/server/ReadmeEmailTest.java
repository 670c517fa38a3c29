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

/** The flow of the README's Email section loads clean, its login from the environment as it says. */
class ReadmeEmailTest {

    @TempDir
    Path temp;

    @Test
    void shouldLoadTheEmailExampleClean() throws Exception {
        String readme =
                Files.readString(ShopExample.source().resolve("../../README.md").normalize());
        String section = readme.substring(readme.indexOf("### Email"), readme.indexOf("## CLI"));
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(yaml.find()).as("the Email section has a ```yaml block").isTrue();
        Files.writeString(temp.resolve("order-mails.yaml"), yaml.group(1));
        Files.writeString(temp.resolve("channels.yaml"), "channels: [ orders ]\n");

        assertThat(FlowDirectory.lint(temp, Map.of("SMTP_USER", "shop", "SMTP_PASSWORD", "s3cret"), new CelCompiler()))
                .isEmpty();
    }
}
