package dev.flows.engine.definition;

import dev.flows.api.flow.Secret;
import dev.flows.api.flow.SmtpServer;
import dev.flows.api.flow.SmtpTls;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads an email destination's {@code smtp} map: {@code host} (required), {@code port} (default by {@code
 * tls}: 25, 587, 465), {@code tls} ({@code none}, {@code starttls}, {@code smtps}; default {@code starttls}),
 * {@code user} and {@code password} (together), {@code connect-timeout} and {@code timeout}, and the trust
 * settings {@code ca-file} and {@code trust-host}. Host, user and password may use {@code ${NAME}}; messages
 * quote what was written, never a password. A password over {@code tls: none} is refused unless the host is
 * this machine, as it would cross the network in clear. Not thread-safe.
 */
final class SmtpReader {

    static final String EXAMPLE = "smtp: { host: smtp.example.com, port: 587, tls: starttls }";

    private final YamlFile file;
    private final Scalars scalars;

    SmtpReader(YamlFile file) {
        this.file = file;
        this.scalars = new Scalars(file);
    }

    Optional<SmtpServer> read(Node node) {
        Optional<MappingNode> map = file.map(node, "'smtp' must be a map with host and optionally port, tls", EXAMPLE);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.SMTP);
        Optional<String> host = fields.required("host", "an email destination's smtp needs a 'host'; " + EXAMPLE)
                .flatMap(value -> expanded(value, "smtp host", "host: smtp.example.com"));
        SmtpTls tls = fields.value("tls").flatMap(this::tls).orElse(SmtpTls.STARTTLS);
        int port = fields.value("port")
                .flatMap(value -> scalars.wholeNumber(value, "smtp port", 1, 65535, "port: 587"))
                .map(Long::intValue)
                .orElse(tls.defaultPort());
        if (host.isEmpty()) {
            return Optional.empty();
        }
        SmtpServer server = SmtpServer.of(host.get(), port, tls)
                .withTimeouts(
                        timeout(fields, "connect-timeout", SmtpServer.DEFAULT_CONNECT_TIMEOUT),
                        timeout(fields, "timeout", SmtpServer.DEFAULT_TIMEOUT));
        server = login(fields, server, node);
        return Optional.of(trust(fields, server));
    }

    private Optional<SmtpTls> tls(Node node) {
        return file.text(node, "'tls' must be none, starttls or smtps", "tls: starttls")
                .flatMap(text -> {
                    Optional<SmtpTls> tls = SmtpTls.ofText(text.strip());
                    if (tls.isEmpty()) {
                        file.problem(
                                node,
                                "tls '" + text + "' is not a TLS mode; use starttls (port 587), smtps (port 465) or,"
                                        + " for a relay on this machine only, none");
                    }
                    return tls;
                });
    }

    private Duration timeout(MapFields fields, String key, Duration fallback) {
        return fields.value(key)
                .flatMap(value -> scalars.positiveDuration(value, "smtp " + key))
                .orElse(fallback);
    }

    private SmtpServer login(MapFields fields, SmtpServer server, Node smtp) {
        Optional<Node> userNode = fields.value("user");
        Optional<Node> passwordNode = fields.value("password");
        Optional<String> user = userNode.flatMap(value -> expanded(value, "smtp user", "user: ${SMTP_USER}"));
        Optional<String> password =
                passwordNode.flatMap(value -> expanded(value, "smtp password", "password: ${SMTP_PASSWORD}"));
        if (userNode.isPresent() != passwordNode.isPresent()) {
            file.problem(
                    userNode.orElse(passwordNode.orElse(smtp)),
                    "an smtp " + (userNode.isPresent() ? "user needs a password" : "password needs a user")
                            + "; give both (user: ${SMTP_USER}, password: ${SMTP_PASSWORD}), or neither to send"
                            + " without logging in");
            return server;
        }
        if (user.isEmpty() || password.isEmpty()) {
            return server;
        }
        if (server.tls() == SmtpTls.NONE && !loopback(server.host())) {
            file.problem(
                    passwordNode.get(),
                    "an smtp password over tls: none would cross the network in clear to " + server.host()
                            + "; use tls: starttls or smtps");
        }
        return server.withLogin(user.get(), new Secret(password.get()));
    }

    private SmtpServer trust(MapFields fields, SmtpServer server) {
        for (String key : new String[] {"ca-file", "trust-host"}) {
            if (fields.value(key).isPresent() && server.tls() == SmtpTls.NONE) {
                file.problem(
                        fields.value(key).get(),
                        "'" + key + "' applies to TLS only, and this smtp has tls: none; use tls: starttls or smtps,"
                                + " or remove '" + key + "'");
                return server;
            }
        }
        Optional<Node> caNode = fields.value("ca-file");
        Optional<Path> caFile = caNode.flatMap(node ->
                file.text(node, "'ca-file' must be a path", "ca-file: ca.pem").flatMap(text -> path(node, text)));
        Optional<Node> trustNode = fields.value("trust-host");
        Optional<String> trustHost =
                trustNode.flatMap(node -> expanded(node, "smtp trust-host", "trust-host: 127.0.0.1"));
        if (trustHost.isPresent() && !trustHost.get().equals(server.host())) {
            file.problem(
                    trustNode.get(),
                    "trust-host '" + trustHost.get() + "' is not the smtp host '" + server.host()
                            + "'; it may only name the host this destination connects to (and is for tests)");
            trustHost = Optional.empty();
        }
        SmtpServer trusted = caFile.map(server::withCaFile).orElse(server);
        trusted = trustHost.map(trusted::withTrustHost).orElse(trusted);
        if (caFile.isPresent()) {
            file.reference(trusted, ReferenceLocations.Part.CA_FILE, caNode.get());
        }
        return trusted;
    }

    private Optional<Path> path(Node node, String text) {
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            file.problem(node, "ca-file '" + text + "' is not a path (" + e.getReason() + "); write e.g. certs/ca.pem");
            return Optional.empty();
        }
    }

    private Optional<String> expanded(Node node, String what, String example) {
        return file.text(node, "'" + what.substring(what.indexOf(' ') + 1) + "' must be text", example)
                .flatMap(written -> file.expand(node, written, what + " '" + written + "'"))
                .filter(value -> {
                    if (value.isBlank()) {
                        file.problem(node, what + " is empty after expanding the environment; " + example);
                        return false;
                    }
                    return true;
                });
    }

    static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
