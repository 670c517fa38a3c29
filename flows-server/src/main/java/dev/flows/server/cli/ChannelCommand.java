package dev.flows.server.cli;

import dev.flows.api.error.FlowsException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code flows channel ls | info NAME | create NAME | delete NAME}: the channels of a running server, per
 * {@code GET /channels}, {@code PUT} and {@code DELETE /channels/{name}}.
 */
@Command(
        name = "channel",
        mixinStandardHelpOptions = true,
        description = "List, show, create or delete a running server's channels.",
        subcommands = {
            ChannelCommand.List.class,
            ChannelCommand.Info.class,
            ChannelCommand.Create.class,
            ChannelCommand.Delete.class
        })
final class ChannelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: a usage error naming the subcommands. */
    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "missing subcommand; use `flows channel ls`, `info NAME`, `create NAME` or `delete NAME`");
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

    /** {@code flows channel create NAME [--partitions N]}: a new channel, kept across restarts. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a channel (default policy). Channels in flow files are declared there instead.")
    static final class Create implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(
                names = {"-p", "--partitions"},
                defaultValue = "1",
                description = "Partitions, 1 to 1024 (default ${DEFAULT-VALUE}).")
        int partitions;

        @Mixin
        ServerOption server;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            ServerClient client = server.client();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.channelUri(name, ""))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"partitions\":" + partitions + "}"))
                    .build());
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new FlowsException("creating channel '" + name + "' failed with " + response.statusCode() + ": "
                        + client.problem(response.statusCode(), response.body()).detail());
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s channel %s with %d partition(s)%n",
                            response.statusCode() == 201 ? "created" : "already had", name, partitions);
            return 0;
        }
    }

    /** {@code flows channel delete NAME --yes}: removes a channel and every event in it. */
    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete a channel and every event, group and queue in it. Asks for --yes.")
    static final class Delete implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--yes", description = "Confirm: the events are gone for good.")
        boolean yes;

        @Mixin
        ServerOption server;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            if (!yes) {
                throw new ParameterException(
                        spec.commandLine(),
                        "deleting channel '" + name + "' removes every event in it for good; add --yes to confirm");
            }
            ServerClient client = server.client();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(client.channelUri(name, "")).DELETE().build());
            if (response.statusCode() != 204) {
                throw new FlowsException("deleting channel '" + name + "' failed with " + response.statusCode() + ": "
                        + client.problem(response.statusCode(), response.body()).detail());
            }
            spec.commandLine().getOut().printf("deleted channel %s%n", name);
            return 0;
        }
    }
}
