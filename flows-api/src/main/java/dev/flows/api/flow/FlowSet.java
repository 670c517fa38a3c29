package dev.flows.api.flow;

import java.util.List;

/**
 * Everything loaded from one flow directory: the declared channels and the flows over them.
 *
 * @param channels declared channels, in declaration order
 * @param flows    flows, in file then declaration order
 */
public record FlowSet(List<ChannelDefinition> channels, List<Flow> flows) {
    public FlowSet {
        channels = List.copyOf(channels);
        flows = List.copyOf(flows);
    }
}
