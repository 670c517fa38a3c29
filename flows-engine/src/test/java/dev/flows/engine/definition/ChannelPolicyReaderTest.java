package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.channel.ChannelPolicy;
import dev.flows.api.channel.Durability;
import dev.flows.api.error.Problem;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Channel settings in a channels document: every key read, every bad value reported where it stands. */
class ChannelPolicyReaderTest {

    private static final FlowFileParser PARSER = new FlowFileParser(Map.of());

    @Test
    void shouldReadEverySetting() {
        FlowFile file = PARSER.parse("channels.yaml", """
                channels:
                  - name: shop
                    partitions: 4
                    durability: interval:250ms
                    segment: { bytes: 16MiB, age: 1h }
                    retention: { age: 30d, bytes: 10GiB }
                    compacted: true
                    queue: { max-deliveries: 7, visibility-timeout: 45s, dead-letter: shop.dlq }
                  - shop.dlq
                """);

        assertThat(file.problems()).isEmpty();
        assertThat(file.channels().getFirst().policy())
                .isEqualTo(new ChannelPolicy(
                        Durability.interval(Duration.ofMillis(250)),
                        16L << 20,
                        Duration.ofHours(1),
                        Duration.ofDays(30),
                        10L << 30,
                        true,
                        7,
                        Duration.ofSeconds(45),
                        "shop.dlq"));
        assertThat(file.channels().get(1).policy()).isEqualTo(ChannelPolicy.DEFAULT);
    }

    @Test
    void shouldReportEveryBadSettingWithItsLocation() {
        FlowFile file = PARSER.parse("channels.yaml", """
                channels:
                  - name: shop
                    durability: sometimes
                    segment: { bytes: lots, age: 0s }
                    retention: { ages: 30d }
                    compacted: yes please
                    queue: { max-deliveries: 0 }
                """);

        assertThat(file.problems())
                .map(Problem::toString)
                .containsExactly(
                        "channels.yaml:3:17: durability must be fsync, os or interval:<duration> (e.g. interval:1s),"
                                + " found 'sometimes'",
                        "channels.yaml:4:23: segment bytes 'lots' is not a size; use a whole number of bytes or a"
                                + " size such as 512KiB, 64MiB or 1GiB",
                        "channels.yaml:4:34: segment age must be longer than zero; use 250ms, 5s, 2m, 1h or PT5M",
                        "channels.yaml:5:18: unknown key 'ages' in a channel's retention; did you mean 'age'? A"
                                + " channel's retention has the keys: age, bytes",
                        "channels.yaml:6:16: compacted must be true or false, found 'yes please'",
                        "channels.yaml:7:30: max-deliveries must be a whole number from 1 to 1000, found '0'");
    }
}
