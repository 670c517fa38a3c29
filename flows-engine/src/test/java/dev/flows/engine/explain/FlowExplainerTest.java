package dev.flows.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.EventTime;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.OnError;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.RouteCase;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.Step;
import dev.flows.api.flow.WindowShape;
import dev.flows.engine.definition.FlowDirectory;
import dev.flows.engine.expression.CelCompiler;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The description of flows: a golden file for a flow directory with every kind of step and destination, and
 * what a golden file cannot show (stability, secrets, the shapes YAML did not use). Run with
 * {@code -Dflows.golden.update=true} to rewrite the golden file after a deliberate change, and review the diff.
 */
class FlowExplainerTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("TOKEN", "s3cret-token");

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(FlowExplainerTest.class.getResource("/explain/" + name).toURI());
    }

    private static FlowSet everyStep() throws URISyntaxException {
        return FlowDirectory.load(resource("flows"), ENVIRONMENT, new CelCompiler());
    }

    @Test
    void shouldDescribeEveryStepAndDestinationAsTheGoldenFileSays() throws Exception {
        String actual = FlowExplainer.explain(everyStep());

        if (Boolean.getBoolean("flows.golden.update")) {
            Files.writeString(Path.of("src/test/resources/explain/every-step.txt"), actual, StandardCharsets.UTF_8);
        } else {
            assertThat(actual).isEqualTo(Files.readString(resource("every-step.txt"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldGiveTheSameBytesForTheSameFlows() throws Exception {
        assertThat(FlowExplainer.explain(everyStep())).isEqualTo(FlowExplainer.explain(everyStep()));
    }

    @Test
    void shouldNeverShowWhatTheEnvironmentFilledIntoAWebhook() throws Exception {
        assertThat(FlowExplainer.explain(everyStep()))
                .doesNotContain("s3cret")
                .contains("https://hooks.example.com/flows?...")
                .contains("headers Authorization, X-Source");
    }

    @Test
    void shouldDescribeTheShapesModesAndDefaultsTheYamlGoldenDoesNotUse() {
        Flow flow = Flow.named("java")
                .from("in")
                .eventTime(new EventTime(null, Duration.ofMillis(1500), Duration.ZERO))
                .step(new Step.Route(
                        List.of(new RouteCase(
                                Expression.of("data.x > 1"),
                                List.of(new Destination.ToChannel("big", SourceLocation.JAVA)))),
                        SourceLocation.JAVA))
                .step(new Step.Window(
                        new WindowShape.Hopping(Duration.ofMinutes(5), Duration.ofMinutes(1)),
                        List.of(),
                        List.of(),
                        Step.EmitMode.CHANGES,
                        Duration.ofSeconds(90),
                        null,
                        "java.window",
                        OnError.SKIP,
                        SourceLocation.JAVA))
                .step(new Step.Window(
                        new WindowShape.Session(Duration.ofHours(2)),
                        List.of(),
                        List.of(),
                        Step.EmitMode.FINAL,
                        Duration.ZERO,
                        "late",
                        "java.session",
                        OnError.FAIL,
                        SourceLocation.JAVA))
                .step(new Step.Join(
                        "other",
                        Expression.of("subject"),
                        Expression.of("subject"),
                        Duration.ZERO,
                        Duration.ofDays(1),
                        "other",
                        null,
                        null,
                        OnError.DEAD_LETTER,
                        SourceLocation.JAVA))
                .to(new Destination.ToWebhook(
                        "http://user:pw@hooks.test:8080/in",
                        Map.of(),
                        new RetryPolicy(1, Duration.ofMillis(250), Duration.ofMillis(250)),
                        "dead",
                        SourceLocation.JAVA))
                .build();

        String text = FlowExplainer.explain(flow, Map.of("in", 2, ChannelDefinition.DEAD_LETTER, 1));

        assertThat(text.lines())
                .contains(
                        "flow java  (<java>)",
                        "  from     in  [2 partitions]  one task over all partitions of in and other (stateful)",
                        "  time     attribute time, out-of-order 1500ms, idle never (0s)",
                        "              when data.x > 1  -> channel big",
                        "              otherwise  -> the next step",
                        "              state: flows.state.java.1   late: flows.dead-letter",
                        "              state: flows.state.java.2   late: late",
                        "              key subject  as other",
                        "  to       webhook POST http://hooks.test:8080/in  retry 1 attempt, backoff 250ms..250ms"
                                + "  dead-letter dead");
        assertThat(text)
                .contains("hopping 5m every 1m  one global window  grace 90s  emit changes java.window")
                .contains("session gap 2h  one global window  grace 0s  emit final java.session")
                .contains("other  [not declared]  within 0s before, 1d after  pass on with data.other")
                .contains("on-error skip")
                .contains("on-error fail")
                .doesNotContain("pw@");
    }

    @Test
    void shouldSayWhatAFlowWithoutDestinationsDoes() {
        Flow flow = new Flow(
                "routes-only",
                "in",
                List.of(new Step.Route(
                        List.of(new RouteCase(
                                Expression.of("true"), List.of(new Destination.ToChannel("out", SourceLocation.JAVA)))),
                        List.of(new Destination.ToChannel("rest", SourceLocation.JAVA)),
                        OnError.DEAD_LETTER,
                        SourceLocation.JAVA)),
                List.of(),
                SourceLocation.JAVA);

        assertThat(FlowExplainer.explain(flow, Map.of())).isEqualTo("""
                        flow routes-only  (<java>)
                          from     in  [not declared]  one task per partition (stateless)
                          1  route    1 case, the first that matches takes the event  on-error dead-letter
                                      when true  -> channel out
                                      otherwise  -> channel rest
                          to       nothing: events that pass every step are dropped (routes send the others)
                          errors   dead-letter flows.dead-letter
                        """);
    }
}
