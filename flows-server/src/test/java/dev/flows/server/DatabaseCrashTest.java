package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Effectively once into a database, proved the hard way: {@code flows run} in a child JVM upserts posted orders
 * into PostgreSQL or MariaDB and is killed with SIGKILL at random moments, again and again, so that batches
 * committed in the database are replayed because their input offsets were not. After the last restart has
 * caught up, the tables hold exactly what was sent and no event's row was applied twice (the event table's
 * {@code applied} column adds 1 per application). Slow: a JVM start per kill.
 */
@Tag("slow")
class DatabaseCrashTest {

    private static final int KILLS = 6;
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
    void shouldApplyEveryEventOnceAcrossRepeatedKills(LocalDatabase database) throws Exception {
        long seed = System.nanoTime();
        System.out.println("DatabaseCrashTest " + database + " seed " + seed);
        Random random = new Random(seed);
        sync = new CustomerSync(database);
        sync.createTables();
        // Small transactions: a task's batch of input spans many, so a kill lands between the database's commits
        // and the input offsets' commit, and the restart replays events the database already has.
        Path flows = sync.writeFlows(temp.resolve("flows"), 1 + random.nextInt(5));
        Path data = temp.resolve("data");
        long inFlight = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            int port = ChildFlows.freePort();
            Process process = ChildFlows.start(flows, data, port, temp.resolve("flows-" + kill + ".log"));
            try {
                Api api = ChildFlows.awaitHealthy(port);
                // Posted faster than the flow applies them, so that the kill finds it in the middle of its work.
                for (int b = 0; b < 4; b++) {
                    String orders = sync.orders(100 + random.nextInt(150), CUSTOMERS);
                    assertThat(api.post("/channels/orders/events", Api.BATCH, orders)
                                    .status())
                            .isEqualTo(200);
                }
                Thread.sleep(random.nextInt(500));
                inFlight += sync.sent() - sync.applied();
            } finally {
                process.destroyForcibly(); // SIGKILL: no shutdown hook runs, no batch finishes
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }

        try (FlowsServer server = FlowsServer.start(ServerConfig.of(flows, data).withPort(0))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sync.applied() == sync.sent());
            assertThat(new Api(server.port()).events("flows.dead-letter")).isZero();
        }
        System.out.println("DatabaseCrashTest " + database + ": " + KILLS + " kills with " + inFlight
                + " events not yet applied at them in all, " + replayed(KILLS) + " replayed events skipped as applied"
                + " by the restarted children; " + sync.assertExact());
    }

    /** The events the children's sinks found applied before, as their logs say. */
    private long replayed(int children) throws IOException {
        Pattern skipped = Pattern.compile("(\\d+) of \\d+ event\\(s\\) were applied before");
        long replayed = 0;
        for (int child = 0; child < children; child++) {
            Matcher matcher = skipped.matcher(Files.readString(temp.resolve("flows-" + child + ".log")));
            while (matcher.find()) {
                replayed += Long.parseLong(matcher.group(1));
            }
        }
        return replayed;
    }
}
