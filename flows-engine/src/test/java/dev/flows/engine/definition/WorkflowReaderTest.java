package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.workflow.Transition;
import dev.flows.api.workflow.Workflow;
import dev.flows.api.workflow.WorkflowAction;
import dev.flows.api.workflow.WorkflowState;
import dev.flows.engine.expression.CelCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowReaderTest {

    private static final CelCompiler CEL = new CelCompiler();

    private static final String CHANNELS = """
            channels:
              - shop
              - fulfilment
            """;

    @TempDir
    Path dir;

    private List<String> lint(String workflow) throws IOException {
        Files.writeString(dir.resolve("channels.yaml"), CHANNELS);
        Files.writeString(dir.resolve("wf.yaml"), workflow);
        return FlowDirectory.lint(dir, Map.of(), CEL).stream()
                .map(Problem::toString)
                .toList();
    }

    @Test
    void shouldReadTheShopExampleWithItsStatesTimersStepsAndBuiltInChannels() {
        FlowSet set = FlowDirectory.load(Path.of("../examples/shop"), Map.of(), CEL);

        Workflow workflow = set.workflows().getFirst();
        assertThat(workflow.name()).isEqualTo("order-fulfilment");
        assertThat(workflow.from()).containsExactly("shop");
        assertThat(workflow.key().text()).isEqualTo("data.order");
        assertThat(workflow.start().eventType()).isEqualTo("shop.order.placed");
        assertThat(workflow.states())
                .map(WorkflowState::name)
                .containsExactly("placed", "reminded", "paid", "cancelled");
        WorkflowState placed = workflow.state("placed").orElseThrow();
        assertThat(placed.transitions())
                .extracting(Transition::trigger, Transition::name, Transition::target)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Transition.Trigger.EVENT, "shop.payment.succeeded", "paid"),
                        org.assertj.core.groups.Tuple.tuple(Transition.Trigger.SIGNAL, "cancel-order", "cancelled"));
        assertThat(placed.timers().getFirst().after()).isEqualTo(Duration.ofMinutes(15));
        WorkflowState paid = workflow.state("paid").orElseThrow();
        assertThat(paid.terminal()).isTrue();
        WorkflowAction.CallHttp reserve =
                (WorkflowAction.CallHttp) paid.entry().getFirst().action();
        assertThat(reserve.method()).isEqualTo("POST");
        assertThat(((WorkflowAction.CallHttp)
                                paid.entry().getFirst().compensate().getFirst())
                        .method())
                .isEqualTo("DELETE");
        assertThat(workflow.onFailure()).isEqualTo("cancelled");
        assertThat(set.channels())
                .map(ChannelDefinition::name)
                .contains("flows.workflow.order-fulfilment", "flows.workflow.order-fulfilment.signals");
    }

    @Test
    void shouldReportUnknownTargetsUnreachableStatesDeadEndsDuplicateTimersAndCelWithPositions() throws IOException {
        List<String> problems = lint("""
                workflow: orders
                from: shop
                key: data.order
                start: { on: shop.order.placed, when: data.amount > }
                initial: placed
                states:
                  placed:
                    on:
                      - event: shop.payment.succeeded
                        when: instance.nope(
                        goto: payed
                    after: { 15m: stuck, 900s: stuck }
                  stuck: {}
                  lonely: { terminal: true }
                """);

        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("wf.yaml:4:52:").contains("syntax error"))
                .anySatisfy(p -> assertThat(p).startsWith("wf.yaml:10:29:").contains("syntax error"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("wf.yaml:11:15:")
                        .contains("names state 'payed', which is not declared; did you mean 'placed'?"))
                .anySatisfy(p -> assertThat(p).startsWith("wf.yaml:12:26:").contains("two timers after 15m"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("wf.yaml:13:3:")
                        .contains("state 'stuck'")
                        .contains("no transition and no timer"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("wf.yaml:14:3:")
                        .contains("'lonely'")
                        .contains("cannot be reached"));
    }

    @Test
    void shouldReportAnUndeclaredEmitChannelAndAMissingKey() throws IOException {
        List<String> problems = lint("""
                workflow: orders
                from: shop
                start: { on: shop.order.placed }
                initial: done
                states:
                  done:
                    entry:
                      - emit: { channel: nowhere, type: x.y }
                    terminal: true
                """);

        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("wf.yaml:1:1:").contains("has no 'key'"));
    }

    @Test
    void shouldReportAnUndeclaredEmitChannelAtItsName() throws IOException {
        List<String> problems = lint("""
                workflow: orders
                from: shop
                key: data.order
                start: { on: shop.order.placed }
                initial: done
                states:
                  done:
                    entry:
                      - emit: { channel: nowhere, type: x.y }
                    terminal: true
                """);

        assertThat(problems)
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("wf.yaml:9:26:").contains("channel 'nowhere'"));
    }
}
