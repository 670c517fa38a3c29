package dev.flows.testkit.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.testkit.DriverSettings;
import dev.flows.testkit.FlowTestDriver;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden lines: written from a driver, read back equal; bad lines named by file and line. */
class GoldenFileTest {

    private static Path flow(String name) throws URISyntaxException {
        return Path.of(GoldenFileTest.class.getResource("/flows/" + name).toURI());
    }

    @Test
    void shouldWriteWhatTheFlowEmittedAndReadItBackEqual() throws Exception {
        DriverSettings settings =
                DriverSettings.DEFAULT.withEnvironment(Map.of("BIG_ORDER_WEBHOOK", "http://h.test/b"));
        try (FlowTestDriver driver = FlowTestDriver.forFile(flow("big-orders.yaml"), settings)) {
            driver.pipeJson("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"shop.order.placed\","
                    + "\"data\":{\"user\":\"u1\",\"amount\":600.0}}");
            driver.pipeJson("{\"specversion\":\"1.0\",\"id\":\"2\",\"source\":\"/s\",\"type\":\"shop.order.placed\","
                    + "\"data\":{\"user\":\"u1\",\"amount\":\"lots\"}}");

            List<Emitted> emitted = GoldenFile.emitted(driver);
            String text = GoldenFile.format(emitted);

            assertThat(text)
                    .startsWith("{\"channel\":\"flows.dead-letter\",\"type\":\"shop.order.placed\","
                            + "\"data\":{\"user\":\"u1\",\"amount\":\"lots\"}}\n")
                    .contains("{\"webhook\":\"http://h.test/b\",\"type\":\"shop.order.placed\","
                            + "\"data\":{\"user\":\"u1\",\"amount\":600.0}}\n")
                    .endsWith("{\"table\":\"big-spenders\",\"key\":\"u1\",\"row\":{\"orders\":1,\"total\":600.0}}\n");
            assertThat(OutputDiff.compare(GoldenFile.read("expected.jsonl", text, null), emitted, false)
                            .same())
                    .isTrue();
        }
    }

    @Test
    void shouldReadALineWithoutTargetAsTheDefaultChannelAndNumbersByValue() {
        List<Emitted> read =
                GoldenFile.read("e.jsonl", "\n{\"type\":\"t\",\"data\":{\"n\":3,\"b\":[1.50]}}\n", "alerts");

        assertThat(read).singleElement().satisfies(line -> {
            assertThat(line.target()).isEqualTo("channel alerts");
            assertThat(line.line()).isEqualTo(2);
            assertThat(line.canonical()).isEqualTo("{\"data\":{\"b\":[1.5],\"n\":3},\"type\":\"t\"}");
        });
        assertThat(GoldenFile.read("e.jsonl", "{\"data\":{\"n\":3.0,\"b\":[1.5]},\"type\":\"t\"}", "alerts")
                        .getFirst()
                        .canonical())
                .isEqualTo(read.getFirst().canonical());
    }

    @Test
    void shouldNameTheFileAndLineOfWhatIsNotGoldenOutput() {
        assertThatThrownBy(() -> GoldenFile.read("e.jsonl", "{\"type\":\"t\"}\n{oops", "a"))
                .isInstanceOf(GoldenFileException.class)
                .hasMessageStartingWith("e.jsonl:2: not JSON");
        assertThatThrownBy(() -> GoldenFile.read("e.jsonl", "[1]", "a"))
                .hasMessageStartingWith("e.jsonl:1: expected a JSON object");
        assertThatThrownBy(() -> GoldenFile.read("e.jsonl", "{\"type\":\"t\"}", null))
                .hasMessageContaining("names no channel");
        assertThatThrownBy(() -> GoldenFile.read("e.jsonl", "{\"channel\":\"a\",\"table\":\"b\"}", null))
                .hasMessageContaining("names channel and table");
        assertThatThrownBy(() -> GoldenFile.read("e.jsonl", "{\"channel\":\"a\",\"type\":\"t\",\"id\":\"1\"}", null))
                .hasMessageContaining("has \"id\", which is not compared");
        assertThatThrownBy(() -> GoldenFile.read("e.jsonl", "{\"table\":\"a\",\"row\":{}}", null))
                .hasMessageContaining("needs \"key\"");
    }

    @Test
    void shouldKeepTheSecretsAWebhookUrlMayHoldOutOfGoldenFiles() {
        assertThat(GoldenFile.shownUrl("https://user:pw@hooks.test:8443/in?token=s3cret"))
                .isEqualTo("https://hooks.test:8443/in?...");
        assertThat(GoldenFile.shownUrl("http://hooks.test/in")).isEqualTo("http://hooks.test/in");
    }
}
