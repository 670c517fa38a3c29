package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flows.api.error.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code to: postgres} and {@code to: mariadb} from flow files to the local database servers, through a real
 * {@link FlowsServer}: rows upserted by key from posted events, a refused row dead-lettered alone, a missing
 * table refusing the start, and a restart of the server in the middle of a run applying nothing twice.
 */
class DatabaseDestinationTest {

    private static final List<String> CUSTOMERS = List.of("ada", "bob", "cy", "dee", "eve");

    @TempDir
    Path temp;

    private CustomerSync sync;

    static Stream<LocalDatabase> databases() {
        return Stream.of(LocalDatabase.POSTGRES, LocalDatabase.MARIADB);
    }

    @AfterEach
    void dropTables() throws Exception {
        if (sync != null) {
            sync.dropTables();
        }
    }

    private FlowsServer start(LocalDatabase database, int batch) throws Exception {
        sync = new CustomerSync(database);
        sync.createTables();
        Path flows = sync.writeFlows(temp.resolve("flows"), batch);
        return FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void shouldKeepACustomerTableFromPostedEvents(LocalDatabase database) throws Exception {
        try (FlowsServer server = start(database, 10)) {
            Api api = new Api(server.port());
            for (int i = 0; i < 5; i++) {
                assertThat(api.post("/channels/orders/events", Api.BATCH, sync.orders(23, CUSTOMERS))
                                .status())
                        .isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sync.applied() == sync.sent());
        }
        System.out.println("DatabaseDestinationTest " + database + ": " + sync.assertExact());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void shouldDeadLetterOnlyTheEventTheDatabaseRefuses(LocalDatabase database) throws Exception {
        try (FlowsServer server = start(database, 100)) {
            Api api = new Api(server.port());
            String body =
                    "[" + sync.order("ada", "Ada") + "," + sync.order("bob", "") + "," + sync.order("cy", "Cy") + "]";
            api.post("/channels/orders/events", Api.BATCH, body);

            await().atMost(Duration.ofSeconds(30)).until(() -> api.events("flows.dead-letter") == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> sync.applied() == 3);
            JsonNode dead = api.get("/channels/flows.dead-letter/events?from=0")
                    .json()
                    .get("events")
                    .get(0)
                    .get("event");
            assertThat(dead.get("id").asString()).isEqualTo("o1");
            assertThat(dead.get("deadletterflow").asString()).isEqualTo("customer-sync");
            assertThat(dead.get("deadletterreason").asString())
                    .startsWith(database.yamlName() + " " + database.url() + " table " + sync.customers()
                            + ": refused the row of event o1: ")
                    .contains("SQLState 23");
        }
        assertThat(sync.table()).containsOnlyKeys("ada", "cy");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void shouldRefuseToStartWhenTheTableDoesNotExist(LocalDatabase database) throws Exception {
        sync = new CustomerSync(database);
        Path flows = sync.writeFlows(temp.resolve("flows"), 10);

        assertThatThrownBy(() -> FlowsServer.start(
                        ServerConfig.of(flows, temp.resolve("data")).withPort(0)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("customer-sync.yaml:4:5: table " + sync.customers() + " does not exist in ")
                .hasMessageContaining("Flows does not create tables");
        // nothing was left running: the same data directory starts again at once
        sync.createTables();
        FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0))
                .close();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void shouldApplyNothingTwiceWhenTheServerRestartsMidRun(LocalDatabase database) throws Exception {
        for (int run = 0; run < 3; run++) {
            try (FlowsServer server = start(database, 7, run == 0)) {
                Api api = new Api(server.port());
                for (int i = 0; i < 4; i++) {
                    api.post("/channels/orders/events", Api.BATCH, sync.orders(31, CUSTOMERS));
                }
                // closed at once: the flow stops in the middle of what was posted
            }
        }
        FlowsServer last = start(database, 7, false);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> sync.applied() == sync.sent());
        } finally {
            last.close();
        }
        System.out.println("DatabaseDestinationTest restarts " + database + ": " + sync.assertExact());
    }

    private FlowsServer start(LocalDatabase database, int batch, boolean first) throws Exception {
        if (first) {
            return start(database, batch);
        }
        return FlowsServer.start(
                ServerConfig.of(temp.resolve("flows"), temp.resolve("data")).withPort(0));
    }
}
