package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.engine.expression.CelCompiler;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowDirectoryTest {

    private static final CelCompiler CEL = new CelCompiler();

    private static Path resourceDir(String name) {
        try {
            return Path.of(
                    FlowDirectoryTest.class.getResource("/definition/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> lint(Path dir) {
        return FlowDirectory.lint(dir, Map.of(), CEL).stream()
                .map(Problem::toString)
                .toList();
    }

    @Test
    void shouldLoadEveryFlowFileWithTheBuiltInDeadLetterChannel() {
        FlowSet flows = FlowDirectory.load(resourceDir("full"), Map.of("TOKEN", "s3cret"), CEL);

        assertThat(flows.flows())
                .map(Flow::name)
                .containsExactly(
                        "audit",
                        "customers",
                        "cart-lines",
                        "item-minute",
                        "order-paid",
                        "checkout-abandoned",
                        "big-orders");
        assertThat(flows.channels())
                .map(ChannelDefinition::name)
                .containsExactly(
                        "payments",
                        "late-events",
                        "alerts",
                        "small-orders",
                        "shop",
                        "orders",
                        "big-orders",
                        "orders.dlq",
                        ChannelDefinition.SYSTEM,
                        ChannelDefinition.DEAD_LETTER,
                        ChannelDefinition.DELIVERIES);
        assertThat(flows.channels().getLast()).isEqualTo(FlowDirectory.DELIVERIES_CHANNEL);
        assertThat(flows.channels().getLast().partitions()).isEqualTo(1);
        assertThat(flows.flows().getFirst().location().file()).isEqualTo("audit.yml");
    }

    @Test
    void shouldLintABrokenDirectoryReportingEveryProblemAtOnceInFileOrder() {
        assertThat(lint(resourceDir("broken")))
                .containsExactly(
                        "a-channels.yaml:3:17: partitions must be a whole number from 1 to 1024, found '0'",
                        "a-channels.yaml:5:5: channel 'shop' is declared twice; the first is at a-channels.yaml:2:5;"
                                + " declare each channel once",
                        "b-orders.yaml:2:7: flow 'big-orders' reads from channel 'shpo', which is not declared; did"
                                + " you mean 'shop'? The declared channels are: flows.dead-letter, flows.deliveries, flows.system, orders, shop",
                        "b-orders.yaml:4:44: undeclared reference to 'dta'; did you mean 'data'? The variables are id,"
                                + " source, type, specversion, subject, time, datacontenttype, dataschema, data,"
                                + " extensions",
                        "b-orders.yaml:5:13: a filter or route condition must be a bool expression, this one is of"
                                + " type double; compare it, e.g. data.amount > 500.0",
                        "b-orders.yaml:7:33: unknown function 'doubel'; did you mean 'double'? Use a CEL standard"
                                + " function (size, has, int, double, string, matches, startsWith, ...) or one of the"
                                + " string, math and optional extensions (lowerAscii, split, math.greatest, orValue,"
                                + " ...)",
                        "b-orders.yaml:8:5: unknown key 'fliter' in a step; did you mean 'filter'? A step is one of:"
                                + " filter, set, remove, mapping, enrich, route, split, dedupe, window, join, pattern,"
                                + " with an optional on-error next to it",
                        "c-notify.yml:1:1: flow 'big-orders' is declared twice; the first is at b-orders.yaml:1:1;"
                                + " give each flow its own name",
                        "c-notify.yml:6:27: header 'X-Token' uses the environment variable TOKEN, which is not set;"
                                + " set it, or give a default: ${TOKEN:-value}",
                        "c-notify.yml:7:20: dead-letter channel 'orders.dlq' is not declared (leave dead-letter out to"
                                + " use flows.dead-letter); declare it in a channels: document. The declared channels"
                                + " are: flows.dead-letter, flows.deliveries, flows.system, orders, shop",
                        "d-syntax.yaml:3:5: YAML syntax error: mapping values are not allowed here; check this line's"
                                + " indentation, and quote a value that contains ': ' (e.g. filter: 'a: b')");
    }

    @Test
    void shouldThrowEveryProblemWhenLoadingABrokenDirectory() {
        assertThatThrownBy(() -> FlowDirectory.load(resourceDir("broken"), Map.of(), CEL))
                .isInstanceOfSatisfying(FlowDefinitionException.class, e -> {
                    assertThat(e.problems()).hasSize(11);
                    assertThat(e.getMessage().lines().toList())
                            .isEqualTo(lint(resourceDir("broken")))
                            .first()
                            .asString()
                            .startsWith("a-channels.yaml:3:17: ");
                });
    }

    @Test
    void shouldReportAMissingDirectory(@TempDir Path tmp) {
        Path missing = tmp.resolve("flows");

        assertThat(lint(missing))
                .containsExactly(missing + ": the flow directory does not exist (or is not a directory); create it"
                        + " and put flow files (*.yaml or *.yml) in it, or point Flows at the right one");
    }

    @Test
    void shouldReportADirectoryWithoutFlowFiles(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("README.md"), "# flows\n");

        assertThat(lint(tmp))
                .containsExactly(tmp + ": the flow directory has no flow files (*.yaml or *.yml); add one, e.g."
                        + " flows.yaml declaring channels: and a flow:");
    }

    @Test
    void shouldReportAFileThatIsNotUtf8(@TempDir Path tmp) throws IOException {
        Files.write(tmp.resolve("latin.yaml"), new byte[] {'f', 'l', 'o', 'w', ':', ' ', (byte) 0xE9});

        assertThat(lint(tmp)).containsExactly("latin.yaml: is not UTF-8 text; save it as UTF-8");
    }

    @Test
    void shouldUseChannelsDeclaredInAnotherFile(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("channels.yaml"), "channels: [shop, orders]\n");
        Files.writeString(tmp.resolve("flow.yml"), "flow: copy\nfrom: shop\nto: { channel: orders }\n");
        Files.writeString(tmp.resolve("flow.yml.bak"), "flow: ignored\n");
        Files.writeString(tmp.resolve(".hidden.yaml"), "flow: ignored\n");

        FlowSet flows = FlowDirectory.load(tmp, Map.of(), CEL);

        assertThat(flows.flows()).map(Flow::name).containsExactly("copy");
        assertThat(flows.flows().getFirst().location().file()).isEqualTo("flow.yml");
    }

    @Test
    void shouldLintLookupFilesRelativeToTheDirectoryWithTheRestOfTheProblems(@TempDir Path tmp) throws IOException {
        Files.createDirectory(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data/regions.csv"), "country,region\nDE,EU\nDE,EMEA\n");
        Files.writeString(tmp.resolve("channels.yaml"), "channels: [shop, orders]\n");
        Files.writeString(tmp.resolve("flow.yaml"), """
                flow: regions
                from: shop
                steps:
                  - enrich: { file: data/regions.csv, key: data.country, into: data.region }
                  - enrich: { file: regions.json, key: data.country, into: data.region }
                  - mapping: '{ "region": data.region '
                to: { channel: orders }
                """);

        assertThat(lint(tmp))
                .containsExactly(
                        "flow.yaml:4:21: lookup file data/regions.csv:3:1: has the key 'DE' again, first at line 2;"
                                + " keep one line per key, since a lookup gives one value per key",
                        "flow.yaml:5:21: lookup file regions.json: does not exist; create it (paths are relative to the"
                                + " flow directory), or correct the path",
                        "flow.yaml:6:37: the mapping is not valid JSONata: Expected \"}\" before end of expression"
                                + " (S0203); check brackets, quotes and commas (JSONata is documented at"
                                + " https://docs.jsonata.org)");
    }
}
