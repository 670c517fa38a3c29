package dev.flows.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.analytics.aggregate.AggregateCatalog;
import dev.flows.analytics.history.HistoryColumns;
import dev.flows.api.flow.FlowSet;
import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.expression.CelCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Analytics section says what the code does: its flow is a valid continuous aggregate, the same one
 * as examples/shop/revenue-per-minute.yaml, and its table of columns names the columns SQL has.
 */
class ReadmeAnalyticsTest {

    @TempDir
    Path temp;

    private static String section() throws Exception {
        String readme =
                Files.readString(ShopExample.source().resolve("../../README.md").normalize());
        return readme.substring(readme.indexOf("## Analytics"), readme.indexOf("\n## CLI"));
    }

    @Test
    void shouldShowTheExampleFlowAsAContinuousAggregate() throws Exception {
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section());
        assertThat(yaml.find()).isTrue();
        Files.writeString(temp.resolve("channels.yaml"), "channels: [orders]\n");
        Files.writeString(temp.resolve("flow.yaml"), yaml.group(1));
        assertThat(FlowDirectory.lint(temp, Map.of(), new CelCompiler())).isEmpty();

        FlowSet readme = FlowDirectory.load(temp);
        FlowSet example = FlowDirectory.load(ShopExample.source());
        assertThat(AggregateCatalog.of(readme).all()).singleElement().satisfies(aggregate -> {
            var shipped = AggregateCatalog.of(example).find(aggregate.table()).orElseThrow();
            assertThat(shipped.shape()).isEqualTo(aggregate.shape());
            assertThat(shipped.aggregates()).isEqualTo(aggregate.aggregates());
            assertThat(shipped.by()).isEqualTo(aggregate.by());
            assertThat(shipped.to().key().text()).isEqualTo(aggregate.to().key().text());
            assertThat(shipped.keyedByTime()).isTrue();
        });
    }

    @Test
    void shouldListEveryColumnOfAChannelInSql() throws Exception {
        String section = section();
        for (String column : HistoryColumns.NAMES) {
            assertThat(section).as("the README's column table").contains("`" + column + "`");
        }
    }
}
