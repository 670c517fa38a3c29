package dev.flows.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.engine.expression.CelCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading one flow: declared channels from the directory, the others created, problems of the file only. */
class FlowUnderTestTest {

    private final CelCompiler cel = new CelCompiler();

    @TempDir
    Path dir;

    @Test
    void shouldUseTheDirectorysDeclarationsAndCreateTheOtherChannels() {
        FlowUnderTest flow = FlowUnderTest.fromFile(Flows.file("route.yaml"), null, Map.of(), cel);

        assertThat(flow.flow().name()).isEqualTo("route-shop");
        assertThat(flow.declaredPartitions()).containsExactly(Map.entry("shop", 4), Map.entry("flows.dead-letter", 1));
        assertThat(flow.created()).extracting(ChannelDefinition::name).containsExactly("orders", "carts");
        assertThat(flow.created()).extracting(ChannelDefinition::partitions).containsOnly(1);
    }

    @Test
    void shouldReportOnlyTheProblemsOfTheFileUnderTest() throws Exception {
        Files.writeString(dir.resolve("other.yaml"), "flow: other\nfrom: nowhere\nsteps:\n  - fliter: x\n");
        Files.writeString(dir.resolve("good.yaml"), "flow: good\nfrom: in\nto: [{channel: out}]\n");
        Files.writeString(dir.resolve("bad.yaml"), "flow: bad\nfrom: in\nsteps:\n  - filter: data.x +\n");

        assertThat(FlowUnderTest.fromFile(dir.resolve("good.yaml"), null, Map.of(), cel)
                        .flow()
                        .name())
                .isEqualTo("good");
        assertThatThrownBy(() -> FlowUnderTest.fromFile(dir.resolve("bad.yaml"), null, Map.of(), cel))
                .isInstanceOfSatisfying(
                        FlowDefinitionException.class,
                        e -> assertThat(e.problems())
                                .allSatisfy(problem ->
                                        assertThat(problem.where().file()).isEqualTo("bad.yaml")));
    }

    @Test
    void shouldAskWhichFlowWhenAFileHoldsSeveral() throws Exception {
        Files.writeString(
                dir.resolve("two.yaml"),
                "flow: a\nfrom: in\nto: [{channel: out}]\n---\nflow: b\nfrom: in\nto: [{channel: other}]\n");

        assertThatThrownBy(() -> FlowUnderTest.fromFile(dir.resolve("two.yaml"), null, Map.of(), cel))
                .hasMessage("two.yaml: holds 2 flows (a, b); name the one to run");
        assertThat(FlowUnderTest.fromFile(dir.resolve("two.yaml"), "b", Map.of(), cel)
                        .created())
                .extracting(ChannelDefinition::name)
                .containsExactly("in", "other");
        assertThatThrownBy(() -> FlowUnderTest.fromFile(dir.resolve("two.yaml"), "c", Map.of(), cel))
                .hasMessageContaining("has no flow named 'c'; its flows are: a, b");
    }

    @Test
    void shouldLoadAFlowOfACleanDirectoryWithItsDeclaredChannels() throws Exception {
        Files.writeString(dir.resolve("channels.yaml"), "channels:\n  - name: in\n    partitions: 2\n  - out\n");
        Files.writeString(dir.resolve("copy.yaml"), "flow: copy\nfrom: in\nto: [{channel: out}]\n");

        FlowUnderTest flow = FlowUnderTest.fromDirectory(dir, "copy", Map.of(), cel);

        assertThat(flow.declaredPartitions()).containsEntry("in", 2).containsEntry("out", 1);
        assertThat(flow.created()).isEmpty();
        assertThatThrownBy(() -> FlowUnderTest.fromDirectory(dir, "missing", Map.of(), cel))
                .hasMessageContaining("its flows are: copy");
    }
}
