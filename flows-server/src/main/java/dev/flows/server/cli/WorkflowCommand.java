package dev.flows.server.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * {@code flows workflow ls [NAME]}, {@code show NAME KEY}, {@code history NAME KEY}, {@code signal NAME KEY TYPE
 * [--data JSON]} and {@code cancel NAME KEY [--reason TEXT]}: a running server's workflows and their instances, over
 * the {@code /workflows} routes.
 */
@Command(
        name = "workflow",
        mixinStandardHelpOptions = true,
        description = "List workflows and instances, show one, its history, signal or cancel it.",
        subcommands = {
            WorkflowCommand.List.class,
            WorkflowCommand.Show.class,
            WorkflowCommand.History.class,
            WorkflowCommand.Signal.class,
            WorkflowCommand.Cancel.class
        })
final class WorkflowCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "missing subcommand; use `flows workflow ls [NAME]`, `show NAME KEY`, `history NAME KEY`,"
                        + " `signal NAME KEY TYPE` or `cancel NAME KEY`");
    }

    private static String path(String name, String key, String rest) {
        return "workflows/" + encode(name) + (key == null ? "" : "/" + encode(key)) + rest;
    }

    /** The NAME and KEY arguments that pick one instance, first on the command line. */
    static final class Instance {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "KEY")
        String key;

        /** The instance's path in the HTTP API, then {@code rest}. */
        String path(String rest) {
            return WorkflowCommand.path(name, key, rest);
        }

        @Override
        public String toString() {
            return name + "/" + key;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code flows workflow ls}: the workflows; with a name, its instances (first 1,000, or one state). */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List workflows, or one's instances.")
    static final class List implements Callable<Integer> {

        @Mixin
        ServerOption server;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "a workflow: list its instances")
        String name;

        @Option(names = "--state", paramLabel = "STATE", description = "only instances in this state")
        String state;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (name == null) {
                out.printf("%-28s %-20s %-24s %s%n", "NAME", "FROM", "START", "STATES");
                for (JsonNode workflow : server.client().getJson("workflows").path("workflows")) {
                    StringBuilder states = new StringBuilder();
                    workflow.path("states")
                            .forEach(s -> states.append(states.isEmpty() ? "" : ", ")
                                    .append(s.path("name").asString()));
                    out.printf(
                            "%-28s %-20s %-24s %s%n",
                            workflow.path("name").asString(),
                            String.join(
                                    ",",
                                    workflow.path("from")
                                            .valueStream()
                                            .map(JsonNode::asString)
                                            .toList()),
                            workflow.path("start").asString(),
                            states);
                }
            } else {
                String query = "?limit=1000" + (state == null ? "" : "&state=" + encode(state));
                out.printf("%-32s %-20s %-10s %s%n", "KEY", "STATE", "STATUS", "UPDATED");
                for (JsonNode instance :
                        server.client().getJson(path(name, null, query)).path("instances")) {
                    out.printf(
                            "%-32s %-20s %-10s %s%n",
                            instance.path("key").asString(),
                            instance.path("state").asString(),
                            instance.path("status").asString(),
                            instance.path("updatedAt").asString());
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code flows workflow show NAME KEY}: the instance as JSON. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an instance: state, timers, steps.")
    static final class Show implements Callable<Integer> {

        @Mixin
        ServerOption server;

        @Spec
        CommandSpec spec;

        @Mixin
        Instance target;

        @Override
        public Integer call() throws InterruptedException {
            ServerClient client = server.client();
            JsonNode instance = client.getJson(target.path(""));
            spec.commandLine()
                    .getOut()
                    .println(client.json().writerWithDefaultPrettyPrinter().writeValueAsString(instance));
            return 0;
        }
    }

    /** {@code flows workflow history NAME KEY}: one line per history record. */
    @Command(name = "history", mixinStandardHelpOptions = true, description = "An instance's history, oldest first.")
    static final class History implements Callable<Integer> {

        @Mixin
        ServerOption server;

        @Spec
        CommandSpec spec;

        @Mixin
        Instance target;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            ServerClient client = server.client();
            for (JsonNode record : client.getJson(target.path("/history")).path("history")) {
                out.printf(
                        "%s  %-34s %s%n",
                        record.path("time").asString(),
                        record.path("type").asString(),
                        client.json().writeValueAsString(record.path("data")));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code flows workflow signal NAME KEY TYPE [--data JSON]}. */
    @Command(name = "signal", mixinStandardHelpOptions = true, description = "Send a signal to an instance.")
    static final class Signal implements Callable<Integer> {

        @Mixin
        ServerOption server;

        @Spec
        CommandSpec spec;

        @Mixin
        Instance target;

        @Parameters(index = "2", paramLabel = "TYPE", description = "the signal's name, as its transition says")
        String type;

        @Option(names = "--data", paramLabel = "JSON", description = "the signal's data, a JSON value")
        String data;

        @Override
        public Integer call() throws InterruptedException {
            ServerClient client = server.client();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type);
            body.put("data", data == null ? null : client.json().readTree(data));
            client.postJson(target.path("/signal"), client.json().writeValueAsString(body));
            spec.commandLine().getOut().println("signal " + type + " sent to " + target);
            return 0;
        }
    }

    /** {@code flows workflow cancel NAME KEY [--reason TEXT]}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel an instance (it compensates).")
    static final class Cancel implements Callable<Integer> {

        @Mixin
        ServerOption server;

        @Spec
        CommandSpec spec;

        @Mixin
        Instance target;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "cancelled with flows workflow cancel")
        String reason;

        @Override
        public Integer call() throws InterruptedException {
            ServerClient client = server.client();
            client.postJson(target.path("/cancel"), client.json().writeValueAsString(Map.of("reason", reason)));
            spec.commandLine().getOut().println("cancelling " + target);
            return 0;
        }
    }
}
