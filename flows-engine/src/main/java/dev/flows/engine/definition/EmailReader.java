package dev.flows.engine.definition;

import dev.flows.api.flow.ChannelDefinition;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SmtpServer;
import dev.flows.api.flow.TemplateSource;
import dev.flows.engine.template.Template;
import dev.flows.engine.template.TemplateKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads an {@code email:} destination: {@code smtp} ({@link SmtpReader}), {@code from} (an address, checked
 * here), {@code to}, {@code cc}, {@code bcc} (a template or a list of them, each rendering an address or a
 * comma-separated list), {@code subject}, {@code text} and {@code html} (templates), {@code name}, {@code
 * retry} and {@code dead-letter}. Every template is checked at its own line and column; a subject or an
 * address template whose own text holds a line break is refused, and one without placeholders must already be
 * an address. What event data renders into them is checked by the connector, per event. Not thread-safe.
 */
final class EmailReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}");
    private static final String FROM_EXAMPLE = "from: \"Shop <shop@example.com>\"";

    private final YamlFile file;

    EmailReader(YamlFile file) {
        this.file = file;
    }

    Optional<Destination> read(Node item, Node value) {
        Optional<MappingNode> map = file.map(
                value,
                "'email' must be a map with smtp, from, to, subject and a text or html body",
                "email: { smtp: { host: smtp.example.com }, from: shop@example.com, to: \"{{data.email}}\","
                        + " subject: Hello, text: Hi }");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapFields fields = MapFields.read(file, map.get(), MapShape.EMAIL);
        Optional<SmtpServer> smtp = fields.required("smtp", "an email destination needs 'smtp'; " + SmtpReader.EXAMPLE)
                .flatMap(new SmtpReader(file)::read);
        Optional<String> from = fields.required("from", "an email destination needs 'from'; " + FROM_EXAMPLE)
                .flatMap(this::from);
        List<TemplateSource> to = recipients(fields, "to");
        List<TemplateSource> cc = recipients(fields, "cc");
        List<TemplateSource> bcc = recipients(fields, "bcc");
        Optional<TemplateSource> subject = fields.required(
                        "subject", "an email destination needs a 'subject', e.g. subject: \"Order {{data.order}}\"")
                .flatMap(this::subject);
        Optional<TemplateSource> text = fields.value("text").flatMap(node -> template(node, "text", TemplateKind.TEXT));
        Optional<TemplateSource> html = fields.value("html").flatMap(node -> template(node, "html", TemplateKind.HTML));
        boolean bodyWritten =
                fields.value("text").isPresent() || fields.value("html").isPresent();
        boolean recipientWritten = fields.value("to").isPresent()
                || fields.value("cc").isPresent()
                || fields.value("bcc").isPresent();
        if (!bodyWritten) {
            file.problem(value, "an email destination needs a body: 'text' (plain text), 'html', or both");
        }
        if (!recipientWritten) {
            file.problem(
                    value, "an email destination needs a recipient: 'to' (or cc, bcc), e.g. to: \"{{data.email}}\"");
        }
        RetryPolicy retry =
                fields.value("retry").map(new RetryReader(file)::read).orElse(RetryPolicy.DEFAULT);
        Optional<Node> deadLetterNode = fields.value("dead-letter");
        Optional<String> deadLetter = deadLetterNode.flatMap(node -> new Scalars(file).deadLetter(node, "mails.dlq"));
        Optional<String> name = fields.value("name").flatMap(this::name);
        if (smtp.isEmpty()
                || from.isEmpty()
                || subject.isEmpty()
                || (text.isEmpty() && html.isEmpty())
                || (to.isEmpty() && cc.isEmpty() && bcc.isEmpty())
                || (deadLetterNode.isPresent() && deadLetter.isEmpty())) {
            return Optional.empty();
        }
        Destination email = new Destination.ToEmail(
                name,
                smtp.get(),
                from.get(),
                to,
                cc,
                bcc,
                subject.get(),
                text,
                html,
                retry,
                deadLetter.orElse(ChannelDefinition.DEAD_LETTER),
                file.at(item));
        deadLetterNode.ifPresent(node -> file.references().put(email, ReferenceLocations.Part.CHANNEL, file.at(node)));
        return Optional.of(email);
    }

    private Optional<String> from(Node node) {
        return file.text(node, "'from' must be an email address", FROM_EXAMPLE)
                .flatMap(written -> file.expand(node, written, "email from '" + written + "'"))
                .filter(address -> {
                    Optional<String> problem = MailboxSyntax.problem(address);
                    problem.ifPresent(why ->
                            file.problem(node, "email from '" + address + "' " + why + "; write e.g. " + FROM_EXAMPLE));
                    return problem.isEmpty();
                });
    }

    private List<TemplateSource> recipients(MapFields fields, String key) {
        List<TemplateSource> templates = new ArrayList<>();
        Optional<Node> node = fields.value(key);
        if (node.isEmpty()) {
            return templates;
        }
        List<Node> items = node.get() instanceof SequenceNode list ? list.getValue() : List.of(node.get());
        for (Node item : items) {
            template(item, key, TemplateKind.TEXT)
                    .filter(source -> oneLine(item, key, source))
                    .filter(source -> staticAddresses(item, key, source))
                    .ifPresent(templates::add);
        }
        return templates;
    }

    private Optional<TemplateSource> subject(Node node) {
        return template(node, "subject", TemplateKind.TEXT).filter(source -> oneLine(node, "subject", source));
    }

    private Optional<TemplateSource> template(Node node, String key, TemplateKind kind) {
        return file.expression(node, "an email's '" + key + "' must be a template", key + ": \"Order {{data.order}}\"")
                .map(text -> new TemplateSource(text.text(), text.location()))
                .filter(source -> {
                    var problems = Template.check(source, kind, "email " + key);
                    problems.forEach(problem -> file.problem(problem.where(), problem.message()));
                    return problems.isEmpty();
                });
    }

    /** A header template must be one line: a block scalar ({@code |}) ends with a line break, for one. */
    private boolean oneLine(Node node, String key, TemplateSource source) {
        String text = source.text();
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return true;
        }
        file.problem(
                node,
                "an email's '" + key + "' must be one line, as it becomes a header; write it on one line in quotes,"
                        + " or with >- to fold it");
        return false;
    }

    /** A recipient template without placeholders is sent as written, so it must already be an address. */
    private boolean staticAddresses(Node node, String key, TemplateSource source) {
        if (source.text().contains("{{")) {
            return true;
        }
        Optional<String> problem = MailboxSyntax.listProblem(source.text());
        problem.ifPresent(why -> file.problem(
                node,
                "email " + key + " '" + source.text() + "' " + why + "; write an address (ops@example.com),"
                        + " a list (a@example.com, b@example.com) or a template (\"{{data.email}}\")"));
        return problem.isEmpty();
    }

    private Optional<String> name(Node node) {
        return file.text(node, "an email 'name' must be a name", "name: order-mails")
                .filter(name -> {
                    if (NAME.matcher(name).matches()) {
                        return true;
                    }
                    file.problem(
                            node,
                            "email name '" + name + "' is not a name; use up to 100 letters, digits and"
                                    + " '.', '_', '-', ':', '/', e.g. order-mails");
                    return false;
                });
    }
}
