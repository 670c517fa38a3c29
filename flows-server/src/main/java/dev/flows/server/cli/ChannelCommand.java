package dev.flows.server.cli;

import dev.flows.api.error.FlowsException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code flows channel ls | info NAME}: the channels of a running server, per {@code GET /channels}. */
@Command(
        name = "channel",
        mixinStandardHelpOptions = true,
        description = "List a running server's channels, or show one.",
        subcommands = {ChannelCommand.List.class, ChannelCommand.Info.class})
final class ChannelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: a usage error naming the subcommands. */
    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "missing subcommand; use `flows channel ls` or `flows channel info NAME`");
    }

    private static final String ROW = "%-24s %10s %12s%n";

    /** {@code flows channel ls}: one line per channel with its partitions and events. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List channels: name, partitions, events.")
    static final class List implements Callable<Integer> {

        @Mixin
        ServerOption server;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(ROW, "NAME", "PARTITIONS", "EVENTS");
            for (JsonNode channel : server.client().getJson("channels").path("channels")) {
                out.printf(
                        ROW,
                        channel.path("name").asString(),
                        channel.path("partitions").asLong(),
                        channel.path("events").asLong());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code flows channel info NAME}: one channel's partitions, events, bytes and end offsets. */
    @Command(
            name = "info",
            mixinStandardHelpOptions = true,
            description = "Show a channel: partitions, events, bytes, end offset of each partition.")
    static final class Info implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        ServerOption server;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            JsonNode channels = server.client().getJson("channels").path("channels");
            for (JsonNode channel : channels) {
                if (name.equals(channel.path("name").asString())) {
                    print(channel, spec.commandLine().getOut());
                    return 0;
                }
            }
            throw new FlowsException("channel '" + name + "' is not on the server at " + server.url
                    + "; `flows channel ls` lists its channels, and channels.yaml declares them");
        }

        private static void print(JsonNode channel, PrintWriter out) {
            out.printf("name:        %s%n", channel.path("name").asString());
            out.printf("partitions:  %d%n", channel.path("partitions").asLong());
            out.printf("events:      %d%n", channel.path("events").asLong());
            out.printf("bytes:       %d%n", channel.path("bytes").asLong());
            out.printf("end offsets: %s%n", channel.path("endOffsets"));
            out.flush();
        }
    }
}
