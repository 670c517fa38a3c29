package dev.flows.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.FlowSet;
import dev.flows.api.state.StateUpdate;
import dev.flows.api.system.SystemEvents;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.state.MvStateStore;
import dev.flows.server.auth.ApiTokens;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A changelog that keeps only the last 5 changes of a table: a resume point it no longer keeps is refused with
 * 410 before the stream starts, and a reader that falls behind while streaming gets an {@code expired} event and
 * the end of its stream, never a silent gap.
 */
class TableChangesExpiryTest {

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private MvStateStore state;
    private HttpApi api;
    private int port;

    @BeforeEach
    void start() {
        state = MvStateStore.openKeepingChanges(temp.resolve("tables.mv"), 5);
        api = new HttpApi(new HttpApi.Parts(
                null,
                new FlowSet(List.of(), List.of()),
                ApiTokens.NONE,
                state,
                Map.of(),
                Map.of(),
                Set.of("counts"),
                null,
                new JsonEventFormat(),
                Clock.systemUTC(),
                1 << 20,
                SystemEvents.NONE,
                new CelCompiler(),
                null,
                null,
                null,
                null));
        port = api.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
        state.close();
        http.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Commits {@code count} changes of row {@code k} in one update, as one batch of a flow would. */
    private void change(int count) {
        List<StateUpdate.Put> puts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            puts.add(StateUpdate.Put.change("counts", "k", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        state.apply(new StateUpdate(puts, List.of()));
    }

    @Test
    void shouldRefuseAResumePointNoLongerKeptWith410() throws Exception {
        change(8);

        HttpResponse<InputStream> expired = ChangeStream.send(http, uri("/tables/counts/changes"), "2");
        HttpResponse<InputStream> earliest = ChangeStream.send(http, uri("/tables/counts/changes?from=1"), null);

        assertThat(expired.statusCode()).isEqualTo(410);
        JsonNode problem = json.readTree(expired.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:flows:problem:changes-expired");
        assertThat(problem.get("detail").asString())
                .isEqualTo("header 'Last-Event-ID' (the last version received) is '2', but table 'counts' keeps only"
                        + " its changes from version 4 on; read the table with GET /tables/counts, whose answer has the"
                        + " version it reflects, then follow the changes from the version after that");
        assertThat(earliest.statusCode()).isEqualTo(410);
        try (ChangeStream kept = ChangeStream.open(http, uri("/tables/counts/changes"), "3")) {
            assertThat(kept.next(5)).extracting(ChangeStream.Message::id).containsExactly("4", "5", "6", "7", "8");
        }
    }

    @Test
    void shouldEndAStreamThatFellBehindWithAnExpiredEvent() throws Exception {
        try (ChangeStream stream = ChangeStream.open(http, uri("/tables/counts/changes"), null)) {
            change(8);

            ChangeStream.Message message = stream.next(1).getFirst();
            assertThat(message.event()).isEqualTo("expired");
            assertThat(json.readTree(message.data()).get("detail").asString())
                    .startsWith("this stream has sent table 'counts' up to version 0, and the changes after it are no"
                            + " longer kept (the oldest kept is version 4)");
            assertThat(stream.ends()).isTrue();
        }
    }
}
