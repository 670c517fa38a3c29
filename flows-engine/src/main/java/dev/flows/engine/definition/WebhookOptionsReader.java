package dev.flows.engine.definition;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Secret;
import dev.flows.api.flow.TemplateSource;
import dev.flows.engine.template.Template;
import dev.flows.engine.template.TemplateKind;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads what a webhook destination adds to its URL, headers and retries: {@code name} (how delivery records
 * and dead letters call it), {@code secret} (a Standard Webhooks {@code whsec_} secret, usually {@code
 * ${HOOK_SECRET}}), {@code body} (a template, checked here with its own line and column) with its {@code
 * content-type}, and {@code allow-private}. A secret's value is never quoted in a message, only what was
 * written. Not thread-safe.
 */
final class WebhookOptionsReader {

    static final String SECRET_PREFIX = "whsec_";
    static final int MIN_SECRET_BYTES = 24;
    static final int MAX_SECRET_BYTES = 64;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}");
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[^\\r\\n;]+)*");

    private final YamlFile file;

    WebhookOptionsReader(YamlFile file) {
        this.file = file;
    }

    /** {@code webhook} with the options the map's fields give. */
    Destination.ToWebhook read(MapFields fields, Destination.ToWebhook webhook) {
        Destination.ToWebhook read = webhook;
        read = fields.value("name").flatMap(this::name).map(read::withName).orElse(read);
        read = fields.value("secret")
                .flatMap(this::secret)
                .map(read::withSecret)
                .orElse(read);
        String contentType = fields.value("content-type")
                .flatMap(this::contentType)
                .orElse(Destination.ToWebhook.DEFAULT_CONTENT_TYPE);
        Optional<TemplateSource> body = fields.value("body").flatMap(node -> body(node, contentType));
        if (body.isPresent()) {
            read = read.withBody(body.get(), contentType);
        } else if (fields.value("content-type").isPresent()
                && fields.value("body").isEmpty()) {
            file.problem(
                    fields.value("content-type").get(),
                    "'content-type' applies to a templated body only; add a 'body', or remove 'content-type' to send"
                            + " the event as CloudEvents JSON");
        }
        boolean allowPrivate = fields.value("allow-private")
                .flatMap(node -> new Scalars(file).bool(node, "allow-private"))
                .orElse(false);
        return read.withAllowPrivate(allowPrivate);
    }

    private Optional<String> name(Node node) {
        return file.text(node, "a webhook 'name' must be a name", "name: slack-big-orders")
                .filter(name -> {
                    if (NAME.matcher(name).matches()) {
                        return true;
                    }
                    file.problem(
                            node,
                            "webhook name '" + name + "' is not a name; use up to 100 letters, digits and"
                                    + " '.', '_', '-', ':', '/', e.g. slack-big-orders");
                    return false;
                });
    }

    private Optional<Secret> secret(Node node) {
        return file.text(node, "a webhook 'secret' must be a whsec_ secret", "secret: ${HOOK_SECRET}")
                .flatMap(written -> file.expand(node, written, "webhook secret '" + written + "'")
                        .filter(value -> validSecret(node, written, value))
                        .map(Secret::new));
    }

    /** Checks the Standard Webhooks form; the message quotes what was written, never the secret itself. */
    private boolean validSecret(Node node, String written, String value) {
        Optional<String> problem = secretProblem(value);
        problem.ifPresent(why -> file.problem(
                node,
                "webhook secret '" + written + "' " + why + "; a secret is 'whsec_' and the base64 of "
                        + MIN_SECRET_BYTES
                        + " to " + MAX_SECRET_BYTES + " random bytes, e.g. from: echo whsec_$(head -c 32 /dev/urandom"
                        + " | base64)"));
        return problem.isEmpty();
    }

    /** What is wrong with a Standard Webhooks secret, if anything, without showing it. */
    static Optional<String> secretProblem(String value) {
        if (!value.startsWith(SECRET_PREFIX)) {
            return Optional.of("does not start with 'whsec_'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.of("is not base64 after 'whsec_'");
        }
        if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
            return Optional.of("holds " + key.length + " bytes");
        }
        return Optional.empty();
    }

    private Optional<String> contentType(Node node) {
        return file.text(node, "'content-type' must be a media type", "content-type: application/json")
                .filter(type -> {
                    if (MEDIA_TYPE.matcher(type.strip()).matches()) {
                        return true;
                    }
                    file.problem(
                            node,
                            "content-type '" + type + "' is not a media type; write e.g. application/json or"
                                    + " text/plain; charset=utf-8");
                    return false;
                })
                .map(String::strip);
    }

    private Optional<TemplateSource> body(Node node, String contentType) {
        String example = "body: '{\"text\": \"Order {{data.order}}\"}'";
        return file.expression(node, "a webhook 'body' must be a template", example)
                .map(text -> new TemplateSource(text.text(), text.location()))
                .filter(source -> {
                    var problems = Template.check(source, TemplateKind.forContentType(contentType), "webhook body");
                    problems.forEach(problem -> file.problem(problem.where(), problem.message()));
                    return problems.isEmpty();
                });
    }
}
