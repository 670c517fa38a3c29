package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Analytics is optional: {@code flows run} starts, takes events and runs flows without DuckDB's native library in
 * its process; the first query loads it. Read from the process's memory map, so Linux only.
 */
class AnalyticsLazyLoadTest {

    @TempDir
    Path temp;

    @Test
    void shouldLoadDuckDbWithTheFirstQueryAndNotBefore() throws Exception {
        Path flows = ShopExample.copyTo(temp.resolve("flows"), "http://127.0.0.1:9/unused");
        int port = ChildFlows.freePort();
        Process process = ChildFlows.start(flows, temp.resolve("data"), port, temp.resolve("flows.log"));
        try {
            Path maps = Path.of("/proc", Long.toString(process.pid()), "maps");
            assumeTrue(Files.isReadable(maps), "no /proc/<pid>/maps here: not Linux");
            Api api = ChildFlows.awaitHealthy(port);
            assertThat(api.post("/channels/shop/events", Api.STRUCTURED, Api.order("o1", "u1", "o1", 10.0))
                            .status())
                    .isEqualTo(200);
            assertThat(api.get("/analytics").status()).isEqualTo(200);
            assertThat(Files.readString(maps))
                    .as("DuckDB's library before any query")
                    .doesNotContain("duckdb");

            Api.Answer answer = api.post("/sql", "text/plain", "select count(*) from channel('shop')");

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("rows").toString()).isEqualTo("[[1]]");
            assertThat(Files.readString(maps))
                    .as("DuckDB's library after a query")
                    .contains("duckdb");
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
