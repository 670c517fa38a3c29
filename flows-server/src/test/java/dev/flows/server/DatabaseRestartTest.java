package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The database restarts in the middle of a run (PostgreSQL with {@code pg_ctlcluster restart}, MariaDB shut
 * down and started again) while orders are posted and a flow upserts them: once it is back and the flow has
 * caught up, both tables hold exactly what was sent, nothing lost, nothing applied twice, nothing
 * dead-lettered. The server is always running again when the test ends, whatever happened.
 */
class DatabaseRestartTest {

    private static final List<String> CUSTOMERS = List.of("ada", "bob", "cy", "dee", "eve", "fay", "gus");

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

    @ParameterizedTest
    @MethodSource("databases")
    void shouldLoseAndDoubleNothingWhileTheDatabaseRestarts(LocalDatabase database) throws Exception {
        sync = new CustomerSync(database);
        sync.createTables();
        Path flows = sync.writeFlows(temp.resolve("flows"), 20);
        Duration down;
        long appliedAtRestart;
        try (FlowsServer server =
                FlowsServer.start(ServerConfig.of(flows, temp.resolve("data")).withPort(0))) {
            Api api = new Api(server.port());
            AtomicBoolean posting = new AtomicBoolean(true);
            Thread poster = Thread.ofVirtual().start(() -> {
                while (posting.get()) {
                    api.post("/channels/orders/events", Api.BATCH, sync.orders(10, CUSTOMERS));
                    sleep(10);
                }
            });
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> sync.applied() >= 200);
                appliedAtRestart = sync.applied();
                down = database.restart();
                await().atMost(Duration.ofSeconds(30)).until(() -> sync.applied() >= appliedAtRestart + 200);
            } finally {
                posting.set(false);
                poster.join();
                database.ensureRunning();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sync.applied() == sync.sent());
            assertThat(api.events("flows.dead-letter")).as("dead-lettered").isZero();
        }
        System.out.println("DatabaseRestartTest " + database + ": restarted after " + appliedAtRestart
                + " events applied, down " + down.toMillis() + " ms; " + sync.assertExact() + ", 0 dead-lettered");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
