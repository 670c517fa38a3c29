package dev.flows.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonValues;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A channel's schema: loaded once, violations named by pointer and keyword, references kept inside the directory. */
class EventSchemaTest {

    private static final String ORDER = """
            {
              "type": "object",
              "required": ["order", "amount"],
              "properties": {
                "order": {"type": "string"},
                "amount": {"type": "number", "minimum": 0},
                "items": {"type": "array", "items": {"type": "string"}},
                "a/b": {"type": "integer"}
              }
            }
            """;

    @TempDir
    Path directory;

    private EventSchema schema(String name, String json) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return EventSchema.load(file, name, directory);
    }

    private static Event event(String dataJson) {
        return Event.of("1", "/test", "t", JsonValues.decode(dataJson.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldNameEveryViolationByItsPointerAndKeyword() throws IOException {
        EventSchema schema = schema("schemas/order.json", ORDER);

        assertThat(schema.check(event("{\"order\":\"o1\",\"amount\":12.5}"), "", 100))
                .isEmpty();
        assertThat(schema.check(event("{\"amount\":-1,\"items\":[\"a\",2],\"a/b\":1.5}"), "", 100))
                .containsExactlyInAnyOrder(
                        new SchemaViolation("/data", "required property 'order' not found", "required"),
                        new SchemaViolation("/data/amount", "must have a minimum value of 0", "minimum"),
                        new SchemaViolation("/data/items/1", "integer found, string expected", "type"),
                        new SchemaViolation("/data/a~1b", "number found, integer expected", "type"));
    }

    @Test
    void shouldPrefixPointersWithTheEventsPlaceInABatchAndCapThem() throws IOException {
        EventSchema schema = schema("order.json", ORDER);

        List<SchemaViolation> violations = schema.check(event("{\"amount\":-1,\"items\":[1,2,3]}"), "/3", 2);

        assertThat(violations)
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.pointer()).startsWith("/3/data"));
    }

    @Test
    void shouldRefuseEventsWithoutDataOrWithDataThatIsNotJson() throws IOException {
        EventSchema schema = schema("order.json", ORDER);
        Event none = Event.of("1", "/s", "t", null);
        Event bytes = Event.of("1", "/s", "t", new byte[] {1, 2});
        Event text = new Event("1", "/s", "t", "1.0", null, null, "text/plain", null, Map.of(), "hello");

        assertThat(schema.check(none, "/0", 10))
                .singleElement()
                .satisfies(v -> assertThat(v.pointer()).isEqualTo("/0/data"))
                .satisfies(v -> assertThat(v.message()).contains("has no data").contains("order.json"));
        assertThat(schema.check(bytes, "", 10).getFirst().message()).contains("binary (data_base64), not JSON");
        assertThat(schema.check(text, "", 10).getFirst().message()).contains("text/plain, not JSON");
        assertThat(EventSchema.isJson("application/cloudevents+json; charset=utf-8"))
                .isTrue();
    }

    @Test
    void shouldFollowRelativeReferencesToOtherFilesOfTheFlowDirectory() throws IOException {
        Files.createDirectories(directory.resolve("schemas"));
        Files.writeString(
                directory.resolve("schemas/common.json"),
                "{\"$defs\": {\"money\": {\"type\": \"number\", \"minimum\": 0}}}");
        EventSchema schema =
                schema("schemas/pay.json", "{\"properties\": {\"amount\": {\"$ref\": \"common.json#/$defs/money\"}}}");

        assertThat(schema.check(event("{\"amount\": -2}"), "", 10))
                .extracting(SchemaViolation::pointer, SchemaViolation::keyword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/data/amount", "minimum"));
    }

    @Test
    void shouldNeverFetchARemoteReference() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"type\": \"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/money.json";

            assertThatThrownBy(() -> schema("remote.json", "{\"properties\": {\"x\": {\"$ref\": \"" + url + "\"}}}"))
                    .isInstanceOf(FlowDefinitionException.class)
                    .hasMessageContaining("remote.json: cannot be compiled: $ref '" + url + "' leads outside the flow")
                    .hasMessageContaining("never fetches a schema from a URL");
            assertThatThrownBy(() -> schema("id.json", "{\"$id\": \"" + url + "\", \"$ref\": \"other.json\"}"))
                    .isInstanceOf(FlowDefinitionException.class)
                    .hasMessageContaining("leads outside the flow directory");
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldRefuseReferencesToFilesOutsideTheFlowDirectoryOrOnTheClasspath() throws IOException {
        Path flows = Files.createDirectories(directory.resolve("flows"));
        Files.writeString(directory.resolve("secret.json"), "{\"type\": \"string\"}");
        Files.writeString(flows.resolve("up.json"), "{\"$ref\": \"../secret.json\"}");
        Files.writeString(flows.resolve("cp.json"), "{\"$ref\": \"classpath:logback-test.xml\"}");
        Files.writeString(flows.resolve("gone.json"), "{\"$ref\": \"missing.json\"}");

        assertThatThrownBy(() -> EventSchema.load(flows.resolve("up.json"), "up.json", flows))
                .hasMessageContaining("secret.json' leads outside the flow directory");
        assertThatThrownBy(() -> EventSchema.load(flows.resolve("cp.json"), "cp.json", flows))
                .hasMessageContaining("$ref 'classpath:logback-test.xml' leads outside the flow directory");
        assertThatThrownBy(() -> EventSchema.load(flows.resolve("gone.json"), "gone.json", flows))
                .hasMessageContaining(
                        "gone.json: cannot be compiled: $ref 'missing.json' names a file that cannot be read");
    }

    @Test
    void shouldStopAReferenceThatLoopsInsteadOfOverflowingTheStack() throws IOException {
        EventSchema schema = schema("loop.json", "{\"$ref\": \"#\"}");

        assertThat(schema.check(event("{}"), "", 10))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("512 nested schema evaluations (does a $ref loop?)"));
    }
}
