package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.Secret;
import dev.flows.api.flow.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A webhook's name, secret, templated body, content type and allow-private, and the problems of each. */
class WebhookOptionsReaderTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final FlowFileParser PARSER =
            new FlowFileParser(Map.of("HOOK_SECRET", SECRET, "SHORT", "whsec_AAAA"));

    @Test
    void shouldReadEveryOption() {
        String yaml = """
                flow: big-orders
                from: orders
                to:
                  - webhook:
                      url: https://hooks.slack.com/services/T0/B0/x
                      name: slack-big-orders
                      secret: ${HOOK_SECRET}
                      allow-private: true
                      content-type: application/json; charset=utf-8
                      body: |
                        {"text": "Order {{data.order}} over 500: {{data.amount}}"}
                """;

        Destination.ToWebhook webhook = webhook(yaml);

        assertThat(webhook.name()).contains("slack-big-orders");
        assertThat(webhook.deliveryName()).isEqualTo("slack-big-orders");
        assertThat(webhook.secret()).contains(new Secret(SECRET));
        assertThat(webhook.allowPrivate()).isTrue();
        assertThat(webhook.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(webhook.body()).hasValueSatisfying(body -> {
            assertThat(body.text()).isEqualTo("{\"text\": \"Order {{data.order}} over 500: {{data.amount}}\"}\n");
            assertThat(body.location()).isEqualTo(new SourceLocation("hooks.yaml", 11, 9));
        });
        assertThat(webhook.toString()).doesNotContain(SECRET);
    }

    @Test
    void shouldDefaultToUnsignedCloudEventsRefusingPrivateAddresses() {
        Destination.ToWebhook webhook = webhook("""
                flow: f
                from: orders
                to: { webhook: "https://hooks.example.com/x?token=s3cret" }
                """);

        assertThat(webhook.name()).isEmpty();
        assertThat(webhook.deliveryName()).isEqualTo("webhook:https://hooks.example.com/x");
        assertThat(webhook.secret()).isEmpty();
        assertThat(webhook.body()).isEmpty();
        assertThat(webhook.allowPrivate()).isFalse();
    }

    @Test
    void shouldRefuseSecretsThatAreNotStandardWebhooksSecretsWithoutShowingThem() {
        List<String> problems = problems("""
                flow: f
                from: orders
                to:
                  - webhook: { url: "https://h.example.com/a", secret: "${SHORT}" }
                  - webhook: { url: "https://h.example.com/b", secret: plain-password }
                  - webhook: { url: "https://h.example.com/c", secret: "whsec_not base64!" }
                """);

        String rule = "; a secret is 'whsec_' and the base64 of 24 to 64 random bytes, e.g. from: echo"
                + " whsec_$(head -c 32 /dev/urandom | base64)";
        assertThat(problems)
                .containsExactly(
                        "hooks.yaml:4:56: webhook secret '${SHORT}' holds 3 bytes" + rule,
                        "hooks.yaml:5:56: webhook secret 'plain-password' does not start with 'whsec_'" + rule,
                        "hooks.yaml:6:56: webhook secret 'whsec_not base64!' is not base64 after 'whsec_'" + rule);
        assertThat(String.join("\n", problems)).doesNotContain("whsec_AAAA");
    }

    @Test
    void shouldReportTemplateProblemsAtTheirLineAndColumnInTheFile() {
        assertThat(problems("""
                flow: f
                from: orders
                to:
                  - webhook:
                      url: https://hooks.example.com/x
                      body: |
                        {"text": "Order {{data.order}}",
                         "amount": {{amount}}}
                """))
                .containsExactly("hooks.yaml:8:22: webhook body: path 'amount' starts with 'amount', which is not an"
                        + " event attribute; start with id, source, type, specversion, subject, time, datacontenttype,"
                        + " dataschema, data, extensions (e.g. data.amount or extensions.amount)");
    }

    @Test
    void shouldReportJsonBodyThatIsNotJson() {
        assertThat(problems("""
                flow: f
                from: orders
                to:
                  - webhook:
                      url: https://hooks.example.com/x
                      body: '{"text": "{{data.order}}" "more"}'
                """))
                .singleElement()
                .satisfies(problem -> assertThat(problem)
                        .startsWith("hooks.yaml:6:")
                        .contains("webhook body: the template is not JSON once its placeholders are filled in"));
    }

    @Test
    void shouldAcceptTextBodyThatIsNotJsonWithItsContentType() {
        Destination.ToWebhook webhook = webhook("""
                flow: f
                from: orders
                to:
                  - webhook:
                      url: https://hooks.example.com/x
                      content-type: text/plain
                      body: "Order {{data.order}} {not json"
                """);

        assertThat(webhook.contentType()).isEqualTo("text/plain");
    }

    @Test
    void shouldRefuseContentTypeWithoutBodyAndBadNamesAndFlags() {
        assertThat(problems("""
                flow: f
                from: orders
                to:
                  - webhook:
                      url: https://hooks.example.com/x
                      content-type: text/plain
                      name: "has space"
                      allow-private: yes please
                """))
                .containsExactlyInAnyOrder(
                        "hooks.yaml:6:21: 'content-type' applies to a templated body only; add a 'body', or remove"
                                + " 'content-type' to send the event as CloudEvents JSON",
                        "hooks.yaml:7:13: webhook name 'has space' is not a name; use up to 100 letters, digits and"
                                + " '.', '_', '-', ':', '/', e.g. slack-big-orders",
                        "hooks.yaml:8:22: allow-private must be true or false, found 'yes please'");
    }

    private static Destination.ToWebhook webhook(String yaml) {
        FlowFile file = PARSER.parse("hooks.yaml", yaml);
        assertThat(file.problems()).isEmpty();
        return (Destination.ToWebhook) file.flows().getFirst().to().getFirst();
    }

    private static List<String> problems(String yaml) {
        return PARSER.parse("hooks.yaml", yaml).problems().stream()
                .map(Problem::toString)
                .toList();
    }
}
