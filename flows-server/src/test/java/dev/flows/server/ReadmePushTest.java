package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.Destination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The README's push example runs as documented: an order becomes its user's notification, and no one else's. */
class ReadmePushTest {

    @TempDir
    Path temp;

    @Test
    void shouldPushTheReadmesOrderNoticeToItsUserOnly() throws Exception {
        String readme =
                Files.readString(ShopExample.source().resolve("../../README.md").normalize());
        String section = readme.substring(readme.indexOf("## Push notifications"), readme.indexOf("## CLI"));
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(yaml.find()).as("a yaml block in the README's push section").isTrue();
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("push.yaml"), yaml.group(1));

        try (FlowsServer server = FlowsServer.start(
                        ServerConfig.of(flows, temp.resolve("data")).withPort(0));
                SseSubscriber ada = SseSubscriber.open(
                        new Api(server.port()).http(),
                        Api.uriOf(server.port(), "/push/notifications/events?user=ada"),
                        Map.of());
                SseSubscriber bob = SseSubscriber.open(
                        new Api(server.port()).http(),
                        Api.uriOf(server.port(), "/push/notifications/events?user=bob"),
                        Map.of())) {
            Api api = new Api(server.port());
            assertThat(api.post("/channels/orders/events", Api.STRUCTURED, Api.order("o1", "ada", "1001", 20.0))
                            .status())
                    .isEqualTo(200);

            JsonNode notification =
                    api.json().readTree(ada.next(Duration.ofSeconds(10)).data());
            assertThat(notification.get("type").asString()).isEqualTo("shop.order.confirmed");
            assertThat(notification.get("data").get("text").asString()).isEqualTo("Order 1001 is confirmed");
            assertThat(notification.get(Destination.ToPush.USER_EXTENSION).asString())
                    .isEqualTo("ada");
            assertThat(bob.anyMessageWithin(Duration.ofMillis(500))).isFalse();
        }
    }
}
