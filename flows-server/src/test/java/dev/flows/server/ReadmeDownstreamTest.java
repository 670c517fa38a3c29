package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Flow;
import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.expression.CelCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's flow with a database table, a webhook and an email is a valid flow with those three destinations. */
class ReadmeDownstreamTest {

    @TempDir
    Path temp;

    @Test
    void shouldLoadTheFlowWithThreeDestinations() throws Exception {
        String readme =
                Files.readString(ShopExample.source().resolve("../../README.md").normalize());
        int start = readme.indexOf("## One flow, three destinations");
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL)
                .matcher(readme.substring(start, readme.indexOf("\n## ", start + 1)));
        assertThat(yaml.find()).isTrue();
        Files.writeString(temp.resolve("flow.yaml"), yaml.group(1));
        Files.writeString(temp.resolve("channels.yaml"), "channels: [ orders ]\n");
        Map<String, String> environment = Map.of("ORDERS_HOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(FlowDirectory.lint(temp, environment, new CelCompiler())).isEmpty();
        Flow flow =
                FlowDirectory.load(temp, environment, new CelCompiler()).flows().getFirst();
        assertThat(flow.to())
                .hasExactlyElementsOfTypes(
                        Destination.ToDatabase.class, Destination.ToWebhook.class, Destination.ToEmail.class);
    }
}
