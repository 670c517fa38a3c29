package dev.flows.server.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code flows flow redrive FLOW}: asks a running server to send the flow's given-up notifications again
 * ({@code POST /flows/{flow}/redrive}) and prints what came of it. Those delivered are never redriven twice.
 */
@Command(
        name = "redrive",
        mixinStandardHelpOptions = true,
        description = "Send a flow's given-up notifications (in its dead-letter channel) again; prints how many were"
                + " delivered and how many gave up again.")
final class RedriveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FLOW", description = "The flow whose notifications to redrive.")
    String flow;

    @Mixin
    ServerOption server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        JsonNode result =
                server.client().postJson("flows/" + URLEncoder.encode(flow, StandardCharsets.UTF_8) + "/redrive");
        spec.commandLine()
                .getOut()
                .printf(
                        "flow %s: %d redriven, %d delivered, %d gave up again (%d dead letters examined)%n",
                        flow,
                        result.path("redriven").asLong(),
                        result.path("delivered").asLong(),
                        result.path("gaveUp").asLong(),
                        result.path("examined").asLong());
        spec.commandLine().getOut().flush();
        return result.path("gaveUp").asLong() == 0 ? 0 : 1;
    }
}
