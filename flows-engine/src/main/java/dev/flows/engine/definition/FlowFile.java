package dev.flows.engine.definition;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Flow;
import dev.flows.api.workflow.Workflow;
import java.util.List;
import java.util.Objects;

/**
 * What one flow file holds, as far as it could be read: the channels it declares and the flows it
 * defines, in the order written, and the problems found in the file itself (problems across files, such as
 * an undeclared channel, are {@link FlowValidator}'s).
 *
 * @param fileName   the name locations use
 * @param channels   declared channels, in order
 * @param flows      flows that could be read, in order; a flow without a valid name or source is left out
 * @param workflows  workflows that could be read, in order
 * @param problems   problems in this file, in the order found
 * @param references where the channel names inside {@code flows} were written
 */
public record FlowFile(
        String fileName,
        List<ChannelDefinition> channels,
        List<Flow> flows,
        List<Workflow> workflows,
        List<Problem> problems,
        ReferenceLocations references) {

    public FlowFile {
        Objects.requireNonNull(fileName, "fileName");
        channels = List.copyOf(channels);
        flows = List.copyOf(flows);
        workflows = List.copyOf(workflows);
        problems = List.copyOf(problems);
        Objects.requireNonNull(references, "references");
    }
}
