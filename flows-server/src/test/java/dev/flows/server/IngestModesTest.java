package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Ingest on a real server: CloudEvents in HTTP binary mode (attributes in ce-* headers, the data as the body), W3C trace context, the batch limit. */
class IngestModesTest {

    @TempDir
    Path temp;

    FlowsServer server;
    Api api;

    @BeforeEach
    void start() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("channels.yaml"), "channels:\n  - shop\n");
        server = FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
        api = new Api(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Api.Answer post(String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/channels/shop/events"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = api.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : api.json().readTree(response.body());
        return new Api.Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body(),
                json);
    }

    private JsonNode stored(int index) {
        return api.get("/channels/shop/events?from=0&limit=10")
                .json()
                .get("events")
                .get(index)
                .get("event");
    }

    @Test
    void shouldStoreABinaryModeEventWithJsonDataAndExtensions() throws Exception {
        Api.Answer answer = post(
                "application/json",
                "{\"order\":\"o1\",\"amount\":12.5}",
                "ce-specversion",
                "1.0",
                "ce-id",
                "b-1",
                "ce-source",
                "/shop/web",
                "ce-type",
                "shop.order.placed",
                "ce-subject",
                "u1",
                "ce-time",
                "2026-01-01T10:00:00Z",
                "ce-traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "ce-note",
                "caf%C3%A9");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode event = stored(0);
        assertThat(event.get("id").asString()).isEqualTo("b-1");
        assertThat(event.get("type").asString()).isEqualTo("shop.order.placed");
        assertThat(event.get("subject").asString()).isEqualTo("u1");
        assertThat(event.get("time").asString()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(event.get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(event.get("data").get("amount").asDouble()).isEqualTo(12.5);
        assertThat(event.get("traceparent").asString()).startsWith("00-0af7651916cd43dd");
        assertThat(event.get("note").asString()).isEqualTo("café");
    }

    @Test
    void shouldKeepTextAsAStringAndOtherBodiesAsBytes() throws Exception {
        assertThat(post(
                                "text/plain; charset=utf-8",
                                "hello",
                                "ce-specversion",
                                "1.0",
                                "ce-id",
                                "t",
                                "ce-source",
                                "/s",
                                "ce-type",
                                "note")
                        .status())
                .isEqualTo(200);
        assertThat(post(
                                "application/octet-stream",
                                "AB",
                                "ce-specversion",
                                "1.0",
                                "ce-id",
                                "b",
                                "ce-source",
                                "/s",
                                "ce-type",
                                "blob")
                        .status())
                .isEqualTo(200);

        assertThat(stored(0).get("data").asString()).isEqualTo("hello");
        assertThat(stored(1).get("data_base64").asString()).isEqualTo("QUI=");
    }

    @Test
    void shouldRefuseAnInvalidBinaryModeEventNamingTheHeaderAndStoreNothing() throws Exception {
        Api.Answer missingType =
                post("application/json", "{}", "ce-specversion", "1.0", "ce-id", "x", "ce-source", "/s");
        Api.Answer badTime = post(
                "application/json",
                "{}",
                "ce-specversion",
                "1.0",
                "ce-id",
                "x",
                "ce-source",
                "/s",
                "ce-type",
                "t",
                "ce-time",
                "yesterday");
        Api.Answer badBody = post(
                "application/json",
                "{\"a\":",
                "ce-specversion",
                "1.0",
                "ce-id",
                "x",
                "ce-source",
                "/s",
                "ce-type",
                "t");

        assertThat(missingType.status()).isEqualTo(400);
        assertThat(missingType.json().get("detail").asString()).contains("header ce-type");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("detail").asString()).contains("header ce-time");
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(badBody.json().get("detail").asString()).contains("the body");
        assertThat(api.events("shop")).isZero();
    }

    @Test
    void shouldCarryTheRequestsTraceContextOnEventsThatHaveNone() throws Exception {
        String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String structured = "{\"specversion\":\"1.0\",\"id\":\"s\",\"source\":\"/s\",\"type\":\"t\"}";
        String own = "{\"specversion\":\"1.0\",\"id\":\"o\",\"source\":\"/s\",\"type\":\"t\","
                + "\"traceparent\":\"00-11111111111111111111111111111111-2222222222222222-00\"}";
        post(Api.STRUCTURED, structured, "traceparent", parent, "tracestate", "vendor=1");
        post(Api.STRUCTURED, own, "traceparent", parent);
        post(Api.STRUCTURED, structured.replace("\"s\",", "\"m\","), "traceparent", "not-a-trace");

        assertThat(stored(0).get("traceparent").asString()).isEqualTo(parent);
        assertThat(stored(0).get("tracestate").asString()).isEqualTo("vendor=1");
        assertThat(stored(1).get("traceparent").asString()).startsWith("00-1111");
        assertThat(stored(2).has("traceparent")).isFalse();
    }

    @Test
    void shouldRefuseABatchOfTooManyEventsAndStoreNone() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"specversion\":\"1.0\",\"id\":\"")
                    .append(i)
                    .append("\",\"source\":\"/s\",\"type\":\"t\"}");
        }
        Api.Answer answer = post(Api.BATCH, batch.append(']').toString());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("detail").asString())
                .contains("10001 events")
                .contains("several batches");
        assertThat(api.events("shop")).isZero();
    }

    @Test
    void shouldRefuseEventsPostedToFlowsOwnChannels() {
        long before = api.events("flows.system");

        Api.Answer answer = api.post("/channels/flows.system/events", Api.STRUCTURED, Api.event("e1", "t", "s", "{}"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:flows:problem:reserved-channel");
        assertThat(answer.json().get("detail").asString()).contains("written by Flows itself");
        assertThat(api.events("flows.system")).isEqualTo(before);
    }
}
