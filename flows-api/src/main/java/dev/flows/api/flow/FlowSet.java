package dev.flows.api.flow;

import dev.flows.api.workflow.Workflow;
import java.util.List;

/**
 * Everything loaded from one flow directory: the declared channels, the flows over them and the workflows.
 *
 * @param channels  declared channels, in declaration order
 * @param flows     flows, in file then declaration order
 * @param workflows workflows, in file then declaration order
 */
public record FlowSet(List<ChannelDefinition> channels, List<Flow> flows, List<Workflow> workflows) {
    public FlowSet {
        channels = List.copyOf(channels);
        flows = List.copyOf(flows);
        workflows = List.copyOf(workflows);
    }

    /** A set without workflows. */
    public FlowSet(List<ChannelDefinition> channels, List<Flow> flows) {
        this(channels, flows, List.of());
    }
}
