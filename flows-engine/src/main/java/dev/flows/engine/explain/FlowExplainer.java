package dev.flows.engine.explain;

import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.EventTime;
import dev.flows.api.flow.Flow;
import dev.flows.api.flow.FlowSet;
import dev.flows.api.flow.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders what a flow will do as text: its source and how it is split into tasks, its schedule, its event time, each step
 * (numbered from 1, with its {@code on-error}, and for stateful steps the state table and the late channel)
 * and its destinations. For example:
 *
 * <pre>
 * flow abandoned-checkouts  (abandoned.yaml:1:1)
 *   from     shop  [4 partitions]  one task over all partitions (stateful)
 *   time     attribute time, out-of-order 2s, idle 30s
 *   1  filter   type in ["shop.checkout.start", "shop.order.placed"]     on-error dead-letter
 *   2  pattern  key data.order  within 30m  emit shop.checkout.abandoned  on-error dead-letter
 *               checkout: type == "shop.checkout.start"
 *               placed:   absent  type == "shop.order.placed"
 *               set data.order = checkout.data.order
 *               state: flows.state.abandoned-checkouts.1   late: flows.dead-letter
 *   to       channel alerts
 *   errors   dead-letter flows.dead-letter
 * </pre>
 *
 * The text is stable: the same flow gives the same bytes, lines end with {@code \n}, nothing depends on hash
 * order, the clock or the platform; golden files can hold it. Secrets stay out (see the webhook line).
 * Stateless and thread-safe.
 */
public final class FlowExplainer {

    /** Longest step summary the {@code on-error} column is aligned after; longer ones just push it. */
    private static final int MAX_ALIGNED_SUMMARY = 72;

    private FlowExplainer() {}

    /**
     * Describes one flow.
     *
     * @param partitionsByChannel the partition count of each declared channel; a channel missing from it is
     *     shown as {@code [not declared]}
     * @return lines ending with {@code \n}
     */
    public static String explain(Flow flow, Map<String, Integer> partitionsByChannel) {
        StringBuilder text = new StringBuilder();
        text.append("flow ")
                .append(flow.name())
                .append("  (")
                .append(flow.location())
                .append(")\n");
        header(text, "from", flow.from() + "  " + partitions(flow.from(), partitionsByChannel) + "  " + tasks(flow));
        if (flow.scheduled()) {
            header(text, "schedule", ScheduleText.of(flow.schedule()));
        }
        if (flow.stateful()) {
            header(text, "time", time(flow.time()));
        }
        steps(text, flow, partitionsByChannel);
        destinations(text, flow.to());
        header(text, "errors", "dead-letter " + ChannelDefinition.DEAD_LETTER);
        return text.toString();
    }

    /** Describes every flow of a set, in the set's order, with a blank line between flows. */
    public static String explain(FlowSet flows) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (ChannelDefinition channel : flows.channels()) {
            partitions.putIfAbsent(channel.name(), channel.partitions());
        }
        List<String> described = new ArrayList<>();
        flows.flows().forEach(flow -> described.add(explain(flow, partitions)));
        return String.join("\n", described);
    }

    /** {@code [4 partitions]}, {@code [1 partition]} or {@code [not declared]}. */
    static String partitions(String channel, Map<String, Integer> partitionsByChannel) {
        Integer count = partitionsByChannel.get(channel);
        if (count == null) {
            return "[not declared]";
        }
        return "[" + count + (count == 1 ? " partition]" : " partitions]");
    }

    private static String tasks(Flow flow) {
        if (!flow.stateful()) {
            return "one task per partition (stateless)";
        }
        return flow.steps().stream()
                .filter(step -> step instanceof Step.Join)
                .map(step -> "one task over all partitions of " + flow.from() + " and " + ((Step.Join) step).channel()
                        + " (stateful)")
                .findFirst()
                .orElse("one task over all partitions (stateful)");
    }

    private static String time(EventTime time) {
        if (time.processing()) {
            return "processing time: the clock is the watermark";
        }
        String source = time.timestamp() == null ? "attribute time" : "field " + Expressions.text(time.timestamp());
        String idle = time.idleTimeout().isZero() ? "idle never (0s)" : "idle " + DurationFormat.of(time.idleTimeout());
        return source + ", out-of-order " + DurationFormat.of(time.maxOutOfOrder()) + ", " + idle;
    }

    private static void steps(StringBuilder text, Flow flow, Map<String, Integer> partitions) {
        List<StepText.Lines> steps = new ArrayList<>();
        for (int i = 0; i < flow.steps().size(); i++) {
            steps.add(StepText.of(
                    flow.steps().get(i),
                    flow.name(),
                    i,
                    partitions,
                    i == flow.steps().size() - 1));
        }
        int numberWidth = String.valueOf(steps.size()).length();
        int summaryWidth = steps.stream()
                .mapToInt(step -> step.summary().length())
                .filter(length -> length <= MAX_ALIGNED_SUMMARY)
                .max()
                .orElse(0);
        String detailIndent = " ".repeat(2 + numberWidth + 2 + 9);
        for (int i = 0; i < steps.size(); i++) {
            StepText.Lines step = steps.get(i);
            String number = String.format(java.util.Locale.ROOT, "%" + numberWidth + "d", i + 1);
            text.append("  ")
                    .append(number)
                    .append("  ")
                    .append(StepText.pad(step.kind(), 9))
                    .append(StepText.pad(step.summary(), summaryWidth))
                    .append("  on-error ")
                    .append(flow.steps().get(i).onError().yamlName())
                    .append('\n');
            step.details()
                    .forEach(detail -> text.append(detailIndent).append(detail).append('\n'));
        }
    }

    private static void destinations(StringBuilder text, List<Destination> to) {
        if (to.isEmpty()) {
            header(text, "to", "nothing: events that pass every step are dropped (routes send the others)");
            return;
        }
        String label = "to";
        for (Destination destination : to) {
            header(text, label, DestinationText.line(destination));
            DestinationText.details(destination)
                    .forEach(detail ->
                            text.append(" ".repeat(2 + 9 + 2)).append(detail).append('\n'));
            label = "";
        }
    }

    private static void header(StringBuilder text, String label, String value) {
        text.append("  ").append(StepText.pad(label, 9)).append(value).append('\n');
    }
}
