package dev.flows.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.server.ShopExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flows explain}: the description of a directory's or a file's flows, and the README's example. */
class ExplainCommandTest {

    @TempDir
    Path temp;

    @Test
    void shouldPrintTheReadmesExplanationOfTheShopExample() throws Exception {
        String readme =
                Files.readString(ShopExample.source().resolve("../../README.md").normalize());
        Matcher block = Pattern.compile(
                        "```console\n\\$ \\./flows explain examples/shop --flow route-shop\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find())
                .as("README shows ./flows explain examples/shop --flow route-shop")
                .isTrue();

        Cli.Run run = Cli.run("", "explain", ShopExample.source().toString(), "--flow", "route-shop");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(block.group(1));
    }

    @Test
    void shouldExplainEveryFlowOfADirectoryTheSameWayTwice() {
        Cli.Run first = Cli.run("", "explain", ShopExample.source().toString());
        Cli.Run second = Cli.run("", "explain", ShopExample.source().toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("flow big-orders  (big-orders.yaml:3:1)")
                .contains("flow revenue  (revenue.yaml:2:1)")
                .contains("flow route-shop  (route-shop.yaml:3:1)")
                .isEqualTo(second.out());
    }

    @Test
    void shouldExplainAFileWhoseChannelsNobodyDeclares() throws Exception {
        Path file = Files.writeString(
                temp.resolve("copy.yaml"),
                "flow: copy\nfrom: in\nsteps:\n  - dedupe: { key: id, within: 1m }\nto:\n" + "  - channel: out\n");

        Cli.Run run = Cli.run("", "explain", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                        flow copy  (copy.yaml:1:1)
                          from     in  [not declared]  one task over all partitions (stateful)
                          time     attribute time, out-of-order 5s, idle 30s
                          1  dedupe   key id  within 1m  on-error dead-letter
                                      state: flows.state.copy.0
                          to       channel out
                          errors   dead-letter flows.dead-letter
                        """);
    }

    @Test
    void shouldPrintProblemsLikeLintAndExitOne() throws Exception {
        Path file = Files.writeString(temp.resolve("bad.yaml"), "flow: bad\nfrom: in\nsteps:\n  - fliter: x\n");

        Cli.Run run = Cli.run("", "explain", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("bad.yaml:4:5").contains("problem(s)");
    }

    @Test
    void shouldExitTwoForAPathOrFlowThatIsNotThere() {
        Cli.Run noPath = Cli.run("", "explain", temp.resolve("nothing").toString());
        Cli.Run noFlow = Cli.run("", "explain", ShopExample.source().toString(), "--flow", "nope");

        assertThat(noPath.exitCode()).isEqualTo(2);
        assertThat(noPath.err()).contains("does not exist");
        assertThat(noFlow.exitCode()).isEqualTo(2);
        assertThat(noFlow.err())
                .contains(
                        "has no flow named 'nope'; its flows are: big-orders, revenue-per-minute, revenue, route-shop,"
                                + " slack-big-orders");
    }
}
