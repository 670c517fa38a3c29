package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.FlowDefinitionException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Per-channel JSON Schema on a real server: 422 with a pointer per violation, and nothing stored. */
class IngestSchemaTest {

    private static final String SCHEMA = """
            {
              "type": "object",
              "required": ["order", "amount"],
              "properties": {
                "order": {"type": "string"},
                "amount": {"type": "number", "minimum": 0}
              }
            }
            """;

    @TempDir
    Path temp;

    FlowsServer server;
    Api api;

    @BeforeEach
    void start() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.createDirectories(flows.resolve("schemas"));
        Files.writeString(flows.resolve("schemas/order.json"), SCHEMA);
        Files.writeString(flows.resolve("channels.yaml"), """
                channels:
                  - name: orders
                    schema: schemas/order.json
                  - shop
                """);
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String order(String id, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/shop\",\"type\":\"order\",\"data\":" + data
                + "}";
    }

    @Test
    void shouldStoreEventsWhoseDataSatisfiesTheSchema() {
        Api.Answer one =
                api.post("/channels/orders/events", Api.STRUCTURED, order("1", "{\"order\":\"o1\",\"amount\":3}"));
        Api.Answer batch = api.post(
                "/channels/orders/events",
                Api.BATCH,
                "[" + order("2", "{\"order\":\"o2\",\"amount\":0}") + ","
                        + order("3", "{\"order\":\"o3\",\"amount\":9.5}") + "]");

        assertThat(one.status()).isEqualTo(200);
        assertThat(batch.status()).isEqualTo(200);
        assertThat(api.events("orders")).isEqualTo(3);
    }

    @Test
    void shouldRefuseAnEventThatBreaksTheSchemaWithAPointerPerViolation() {
        Api.Answer answer = api.post("/channels/orders/events", Api.STRUCTURED, order("1", "{\"amount\":-1}"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:flows:problem:schema-violation");
        assertThat(answer.json().get("detail").asString())
                .startsWith("the event breaks the JSON Schema of channel 'orders' (schemas/order.json)")
                .contains("Nothing was stored");
        assertThat(errors(answer))
                .containsExactlyInAnyOrder(
                        "/data required required property 'order' not found",
                        "/data/amount minimum must have a minimum value of 0");
        assertThat(api.events("orders")).isZero();
    }

    @Test
    void shouldRefuseAWholeBatchNamingEachBadEventByItsIndex() {
        Api.Answer answer = api.post(
                "/channels/orders/events",
                Api.BATCH,
                "[" + order("1", "{\"order\":\"o1\",\"amount\":1}") + ","
                        + order("2", "{\"order\":\"o2\",\"amount\":1}")
                        + "," + order("3", "{\"order\":\"o3\",\"amount\":1}") + ","
                        + order("4", "{\"order\":\"o4\",\"amount\":-5}") + "]");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("detail").asString()).startsWith("1 of the 4 events break the JSON Schema");
        assertThat(errors(answer)).containsExactly("/3/data/amount minimum must have a minimum value of 0");
        assertThat(api.events("orders")).isZero();
    }

    @Test
    void shouldRefuseEventsWithoutJsonDataOnAChannelWithASchema() throws Exception {
        Api.Answer none = api.post(
                "/channels/orders/events",
                Api.STRUCTURED,
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}");
        HttpResponse<String> text = api.http()
                .send(
                        HttpRequest.newBuilder(api.uri("/channels/orders/events"))
                                .header("Content-Type", "text/plain")
                                .header("ce-specversion", "1.0")
                                .header("ce-id", "2")
                                .header("ce-source", "/s")
                                .header("ce-type", "t")
                                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(none.status()).isEqualTo(422);
        assertThat(errors(none)).singleElement().asString().startsWith("/data null the event has no data");
        assertThat(text.statusCode()).isEqualTo(422);
        assertThat(text.body()).contains("the data is text/plain, not JSON");
        assertThat(api.events("orders")).isZero();
    }

    @Test
    void shouldCheckBinaryModeDataAndLeaveChannelsWithoutASchemaAlone() throws Exception {
        HttpResponse<String> binary = api.http()
                .send(
                        HttpRequest.newBuilder(api.uri("/channels/orders/events"))
                                .header("Content-Type", "application/json")
                                .header("ce-specversion", "1.0")
                                .header("ce-id", "b1")
                                .header("ce-source", "/s")
                                .header("ce-type", "t")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"order\":7,\"amount\":1}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Api.Answer free = api.post("/channels/shop/events", Api.STRUCTURED, order("1", "{\"amount\":-1}"));

        assertThat(binary.statusCode()).isEqualTo(422);
        assertThat(api.json()
                        .readTree(binary.body())
                        .get("errors")
                        .get(0)
                        .get("pointer")
                        .asString())
                .isEqualTo("/data/order");
        assertThat(free.status()).isEqualTo(200);
    }

    @Test
    void shouldListAtMostAHundredViolationsAndSaySo() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            events.add(order(Integer.toString(i), "{\"order\":\"o\",\"amount\":-1}"));
        }
        Api.Answer answer = api.post("/channels/orders/events", Api.BATCH, "[" + String.join(",", events) + "]");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("errors")).hasSize(100);
        assertThat(answer.json().get("detail").asString())
                .startsWith("at least 100 of the 150 events break")
                .contains("the first 100 problems are listed; there are more");
        assertThat(api.events("orders")).isZero();
    }

    @Test
    void shouldRefuseToStartWithASchemaFileThatIsNotASchema() throws Exception {
        server.close();
        server = null;
        Path flows = temp.resolve("flows");
        Files.writeString(flows.resolve("schemas/order.json"), "{\"type\": \"objekt\"}");

        assertThatThrownBy(() -> FlowsServer.start(
                        ServerConfig.of(flows, temp.resolve("data2")).withPort(0)))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessageContaining("channels.yaml:3:13: schema file schemas/order.json:1:10: is not a valid JSON"
                        + " Schema (draft 2020-12)");
    }

    private static List<String> errors(Api.Answer answer) {
        List<String> errors = new ArrayList<>();
        for (JsonNode error : answer.json().get("errors")) {
            errors.add(error.get("pointer").asString() + " "
                    + (error.has("keyword") ? error.get("keyword").asString() : "null") + " "
                    + error.get("message").asString());
        }
        return errors;
    }
}
