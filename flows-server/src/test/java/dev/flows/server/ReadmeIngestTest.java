package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's ingest checks run as documented: its channel and schema load, and its 422 answer is the server's. */
class ReadmeIngestTest {

    @TempDir
    Path temp;

    @Test
    void shouldAnswerTheReadmesBadOrderWithTheReadmesProblemDocument() throws Exception {
        String readme =
                Files.readString(ShopExample.source().resolve("../../README.md").normalize());
        String section = readme.substring(readme.indexOf("### Ingest checks"), readme.indexOf("## CLI"));
        Path flows = Files.createDirectories(temp.resolve("flows").resolve("schemas"))
                .getParent();
        Files.writeString(flows.resolve("channels.yaml"), block(section, "", "yaml"));
        Files.writeString(
                flows.resolve("schemas/order.json"), block(section, "<!-- file: schemas/order.json -->\n", "json"));
        String expected = block(section, "<!-- answer to POST /channels/orders/events -->\n  ", "json");

        try (FlowsServer server =
                FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0))) {
            Api api = new Api(server.port());
            Api.Answer answer = api.post(
                    "/channels/orders/events",
                    Api.STRUCTURED,
                    "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/shop\",\"type\":\"order\",\"data\":{\"amount\":-5}}");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json()).isEqualTo(api.json().readTree(expected));
        }
    }

    /** The first fenced block of {@code language} right after {@code marker}. */
    private static String block(String text, String marker, String language) {
        Matcher block = Pattern.compile(Pattern.quote(marker + "```" + language) + "\n(.*?)```", Pattern.DOTALL)
                .matcher(text);
        assertThat(block.find()).as("README block after '%s'", marker).isTrue();
        return block.group(1);
    }
}
