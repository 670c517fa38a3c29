package dev.flows.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.Channel;
import dev.flows.api.channel.ChannelBackend;
import dev.flows.api.error.StorageFullException;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.system.SystemEvent;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.server.auth.ApiTokens;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An append the disk refuses answers 507 and publishes {@code flows.storage.full}; the embedded log's simulated
 * disk lives in its own tests, so a channel that refuses stands in for it here.
 */
class StorageFullSystemEventTest {

    private static final String MESSAGE =
            "could not write to /data/channels/orders/0/00000000000000000000.log: the disk is full";

    @Test
    void shouldAnswer507AndPublishStorageFullWithChannelPartitionAndMessage() throws Exception {
        List<SystemEvent> published = new CopyOnWriteArrayList<>();
        try (HttpApi api = new HttpApi(new HttpApi.Parts(
                        backend(fullChannel()),
                        new FlowSet(List.of(), List.of()),
                        ApiTokens.NONE,
                        null,
                        Map.of(),
                        Map.of(),
                        Set.of(),
                        null,
                        new JsonEventFormat(),
                        Clock.systemUTC(),
                        1 << 20,
                        published::add,
                        new CelCompiler(),
                        null,
                        null,
                        null,
                        null));
                HttpClient http = HttpClient.newHttpClient()) {
            int port = api.start("127.0.0.1", 0);

            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/channels/orders/events"))
                            .header("Content-Type", "application/cloudevents+json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\",\"id\":\"e1\","
                                    + "\"source\":\"/t\",\"type\":\"t\",\"data\":{}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(507);
            assertThat(published).containsExactly(SystemEvent.storageFull("orders", 0, MESSAGE));
        }
    }

    private static Channel fullChannel() {
        return (Channel) Proxy.newProxyInstance(
                Channel.class.getClassLoader(),
                new Class<?>[] {Channel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "orders";
                    case "partitions" -> 1;
                    case "append" -> throw new StorageFullException(MESSAGE, null);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ChannelBackend backend(Channel channel) {
        return (ChannelBackend) Proxy.newProxyInstance(
                ChannelBackend.class.getClassLoader(),
                new Class<?>[] {ChannelBackend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "find" -> Optional.of(channel).filter(c -> c.name().equals(args[0]));
                    case "channels" -> List.of(channel);
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
