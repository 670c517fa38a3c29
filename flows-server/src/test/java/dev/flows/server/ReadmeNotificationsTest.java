package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.expression.CelCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow and the template bodies of the README's Notifications section (up to Email, which
 * {@link ReadmeEmailTest} checks) load clean: the flow as it is, each {@code body:} example inside a webhook
 * destination.
 */
class ReadmeNotificationsTest {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "SLACK_WEBHOOK", "https://hooks.slack.com/services/T0/B0/x",
            "HOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    @TempDir
    Path temp;

    @Test
    void shouldLoadTheNotificationExamplesClean() throws Exception {
        String readme =
                Files.readString(ShopExample.source().resolve("../../README.md").normalize());
        String section = readme.substring(readme.indexOf("## Notifications"), readme.indexOf("### Email"));
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> blocks = new ArrayList<>();
        while (yaml.find()) {
            blocks.add(yaml.group(1));
        }
        Files.writeString(temp.resolve("channels.yaml"), "channels: [ orders ]\n");

        assertThat(blocks).hasSize(3);
        Files.writeString(temp.resolve("flow.yaml"), blocks.getFirst());
        for (int i = 1; i < blocks.size(); i++) {
            String body = blocks.get(i).indent(6);
            Files.writeString(temp.resolve("body-" + i + ".yaml"), """
                    flow: body-%d
                    from: orders
                    to:
                      - webhook:
                          url: https://hooks.example.com/x
                    %s""".formatted(i, body));
        }
        assertThat(FlowDirectory.lint(temp, ENVIRONMENT, new CelCompiler())).isEmpty();
    }
}
