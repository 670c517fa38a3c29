package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.IngestPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ingest checks in a channels document: every key read, every bad value reported where it stands. */
class IngestPolicyReaderTest {

    private static final FlowFileParser PARSER = new FlowFileParser(Map.of());

    @Test
    void shouldReadEverySetting() {
        FlowFile file = PARSER.parse("channels.yaml", """
                channels:
                  - name: web
                    schema: schemas/web.json
                    dedupe: 10m
                    rate-limit: 5000/s
                    browser:
                      origins: [https://Shop.example, "http://localhost:3000"]
                  - name: open
                    browser: { origins: ["*"] }
                  - shop
                """);

        assertThat(file.problems()).isEmpty();
        IngestPolicy web = file.channels().getFirst().ingest();
        assertThat(web.schema()).isEqualTo("schemas/web.json");
        assertThat(web.schemaLocation().line()).isEqualTo(3);
        assertThat(web.dedupeWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(web.maxEventsPerSecond()).isEqualTo(5000);
        assertThat(web.browserOrigins()).containsExactly("https://shop.example", "http://localhost:3000");
        assertThat(file.channels().get(1).ingest().browserOrigins()).containsExactly("*");
        assertThat(file.channels().get(2).ingest()).isEqualTo(IngestPolicy.NONE);
        assertThat(IngestPolicy.NONE.acceptsBrowsers()).isFalse();
    }

    @Test
    void shouldReportEveryBadSettingWithItsLocation() {
        FlowFile file = PARSER.parse("channels.yaml", """
                channels:
                  - name: web
                    schema: [a, b]
                    dedupe: forever
                    rate-limit: fast
                    browser:
                      origins: [https://shop.example/path, "ftp://files.example", "*"]
                  - name: other
                    browser: { origin: https://x.example }
                  - name: third
                    browser: {}
                """);

        assertThat(file.problems())
                .map(Problem::toString)
                .containsExactly(
                        "channels.yaml:3:13: 'schema' must be a file path, found a list; write e.g. schema:"
                                + " schemas/shop.json",
                        "channels.yaml:4:13: dedupe window 'forever' is not a duration; use 250ms, 5s, 2m, 1h or PT5M",
                        "channels.yaml:5:17: 'rate-limit' must be a number of events per second from 1 to 100000000,"
                                + " found 'fast'; write e.g. rate-limit: 5000/s",
                        "channels.yaml:7:17: origin 'https://shop.example/path' is not a web origin; write the"
                                + " scheme, host and port only, as browsers send it, e.g. https://shop.example or"
                                + " http://localhost:3000 (no path), or * for any origin",
                        "channels.yaml:7:44: origin 'ftp://files.example' is not a web origin; write the scheme,"
                                + " host and port only, as browsers send it, e.g. https://shop.example or"
                                + " http://localhost:3000 (no path), or * for any origin",
                        "channels.yaml:9:16: unknown key 'origin' in a channel's browser settings; did you mean"
                                + " 'origins'? A channel's browser settings has the key: origins",
                        "channels.yaml:11:14: 'browser' needs 'origins', the web origins whose pages may post, e.g."
                                + " origins: [https://shop.example]");
        assertThat(file.channels().get(1).ingest().browserOrigins()).isEqualTo(List.of());
    }
}
