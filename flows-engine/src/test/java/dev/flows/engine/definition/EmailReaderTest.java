package dev.flows.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.Secret;
import dev.flows.api.flow.SmtpTls;
import dev.flows.api.flow.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An email destination read with positions: every option, defaults, and the problems of each. */
class EmailReaderTest {

    private static final FlowFileParser PARSER =
            new FlowFileParser(Map.of("SMTP_USER", "shop", "SMTP_PASSWORD", "s3cret-pw"));

    @Test
    void shouldReadEveryOption() {
        Destination.ToEmail email = email("""
                flow: order-mails
                from: orders
                to:
                  - email:
                      name: order-mails
                      smtp: { host: "${SMTP_HOST:-127.0.0.1}", port: 2525, tls: smtps, user: "${SMTP_USER}",
                              password: "${SMTP_PASSWORD}", connect-timeout: 2s, timeout: 5s,
                              ca-file: certs/ca.pem }
                      from: "Shop <shop@example.com>"
                      to: "{{data.email}}"
                      cc: [boss@example.com, "{{data.manager | \\"ops@example.com\\"}}"]
                      bcc: audit@example.com
                      subject: "Order {{data.order}} confirmed"
                      text: |
                        Hello {{data.name | "there"}},
                      html: "<p>Hello {{data.name}}</p>"
                      retry: { attempts: 3, backoff: 1s, max-backoff: 1m }
                      dead-letter: mails.dlq
                """);

        assertThat(email.name()).contains("order-mails");
        assertThat(email.deliveryName()).isEqualTo("order-mails");
        assertThat(email.smtp().host()).isEqualTo("127.0.0.1");
        assertThat(email.smtp().port()).isEqualTo(2525);
        assertThat(email.smtp().tls()).isEqualTo(SmtpTls.SMTPS);
        assertThat(email.smtp().user()).contains("shop");
        assertThat(email.smtp().password()).contains(new Secret("s3cret-pw"));
        assertThat(email.smtp().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(email.smtp().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(email.smtp().caFile()).contains(Path.of("certs/ca.pem"));
        assertThat(email.from()).isEqualTo("Shop <shop@example.com>");
        assertThat(email.to()).singleElement().satisfies(to -> {
            assertThat(to.text()).isEqualTo("{{data.email}}");
            assertThat(to.location()).isEqualTo(new SourceLocation("mails.yaml", 10, 12));
        });
        assertThat(email.cc())
                .extracting(t -> t.text())
                .containsExactly("boss@example.com", "{{data.manager | \"ops@example.com\"}}");
        assertThat(email.bcc()).extracting(t -> t.text()).containsExactly("audit@example.com");
        assertThat(email.subject().text()).isEqualTo("Order {{data.order}} confirmed");
        assertThat(email.text()).hasValueSatisfying(text -> {
            assertThat(text.text()).isEqualTo("Hello {{data.name | \"there\"}},\n");
            assertThat(text.location()).isEqualTo(new SourceLocation("mails.yaml", 15, 9));
        });
        assertThat(email.html())
                .hasValueSatisfying(html -> assertThat(html.text()).isEqualTo("<p>Hello {{data.name}}</p>"));
        assertThat(email.retry()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThat(email.deadLetter()).isEqualTo("mails.dlq");
        assertThat(email.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void shouldDefaultToStarttlsOn587WithoutLoginAndTheBuiltInDeadLetterChannel() {
        Destination.ToEmail email = email("""
                flow: f
                from: orders
                to:
                  - email: { smtp: { host: smtp.example.com }, from: shop@example.com, to: "{{data.email}}",
                             subject: Hi, text: Hello }
                """);

        assertThat(email.smtp().tls()).isEqualTo(SmtpTls.STARTTLS);
        assertThat(email.smtp().port()).isEqualTo(587);
        assertThat(email.smtp().user()).isEmpty();
        assertThat(email.smtp().caFile()).isEmpty();
        assertThat(email.deliveryName()).isEqualTo("email:smtp.example.com:587");
        assertThat(email.deadLetter()).isEqualTo("flows.dead-letter");
        assertThat(email.retry()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void shouldReportTheFromAndTheStaticRecipientsThatAreNotAddressesAtTheirPositions() {
        assertThat(problems("""
                flow: f
                from: orders
                to:
                  - email:
                      smtp: { host: smtp.example.com }
                      from: "Shop shop@example.com"
                      to: [ "not an address", "{{data.email}}" ]
                      bcc: "a@example.com, b@"
                      subject: Hi
                      text: Hello
                """))
                .containsExactly(
                        "mails.yaml:6:13: email from 'Shop shop@example.com' is not an email address; write e.g."
                                + " from: \"Shop <shop@example.com>\"",
                        "mails.yaml:7:13: email to 'not an address' is not an email address; write an address"
                                + " (ops@example.com), a list (a@example.com, b@example.com) or a template"
                                + " (\"{{data.email}}\")",
                        "mails.yaml:8:12: email bcc 'a@example.com, b@' is not an email address; write an address"
                                + " (ops@example.com), a list (a@example.com, b@example.com) or a template"
                                + " (\"{{data.email}}\")");
    }

    @Test
    void shouldRefuseASubjectOnSeveralLinesAndTemplatesThatDoNotCompile() {
        assertThat(problems("""
                flow: f
                from: orders
                to:
                  - email:
                      smtp: { host: smtp.example.com }
                      from: shop@example.com
                      to: "{{data.email"
                      subject: |
                        Order {{data.order}}
                      html: "<p>{{}}</p>"
                """))
                .containsExactly(
                        "mails.yaml:7:12: email to: '{{' is not closed on its line; close the placeholder with '}}',"
                                + " e.g. {{data.order}}",
                        "mails.yaml:8:16: an email's 'subject' must be one line, as it becomes a header; write it"
                                + " on one line in quotes, or with >- to fold it",
                        "mails.yaml:10:17: email html: '{{}}' names nothing; write a path such as {{data.order}} or"
                                + " {{subject}}");
    }

    @Test
    void shouldRequireABodyARecipientAndTheSmtpHost() {
        assertThat(problems("""
                flow: f
                from: orders
                to:
                  - email:
                      smtp: { port: 25 }
                      from: shop@example.com
                      subject: Hi
                """))
                .containsExactlyInAnyOrder(
                        "mails.yaml:5:13: an email destination's smtp needs a 'host'; smtp: { host: smtp.example.com,"
                                + " port: 587, tls: starttls }",
                        "mails.yaml:5:7: an email destination needs a body: 'text' (plain text), 'html', or both",
                        "mails.yaml:5:7: an email destination needs a recipient: 'to' (or cc, bcc), e.g. to:"
                                + " \"{{data.email}}\"");
    }

    @Test
    void shouldReportSmtpSettingsThatCannotWork() {
        assertThat(problems("""
                flow: f
                from: orders
                to:
                  - email:
                      smtp: { host: smtp.example.com, tls: ssl, port: 70000, user: shop }
                      from: shop@example.com
                      to: ops@example.com
                      subject: Hi
                      text: Hello
                  - email:
                      smtp: { host: smtp.example.com, tls: none, user: shop, password: "${SMTP_PASSWORD}",
                              trust-host: 10.0.0.1 }
                      from: shop@example.com
                      to: ops@example.com
                      subject: Hi
                      text: Hello
                  - email:
                      smtp: { host: smtp.example.com, trust-host: 10.0.0.1 }
                      from: shop@example.com
                      to: ops@example.com
                      subject: Hi
                      text: Hello
                """))
                .containsExactly(
                        "mails.yaml:5:44: tls 'ssl' is not a TLS mode; use starttls (port 587), smtps (port 465) or,"
                                + " for a relay on this machine only, none",
                        "mails.yaml:5:55: smtp port must be a whole number from 1 to 65535, found '70000'",
                        "mails.yaml:5:68: an smtp user needs a password; give both (user: ${SMTP_USER}, password:"
                                + " ${SMTP_PASSWORD}), or neither to send without logging in",
                        "mails.yaml:11:72: an smtp password over tls: none would cross the network in clear to"
                                + " smtp.example.com; use tls: starttls or smtps",
                        "mails.yaml:12:27: 'trust-host' applies to TLS only, and this smtp has tls: none; use tls:"
                                + " starttls or smtps, or remove 'trust-host'",
                        "mails.yaml:18:51: trust-host '10.0.0.1' is not the smtp host 'smtp.example.com'; it may"
                                + " only name the host this destination connects to (and is for tests)");
    }

    private static Destination.ToEmail email(String yaml) {
        FlowFile file = PARSER.parse("mails.yaml", yaml);
        assertThat(file.problems()).isEmpty();
        return (Destination.ToEmail) file.flows().getFirst().to().getFirst();
    }

    private static List<String> problems(String yaml) {
        return PARSER.parse("mails.yaml", yaml).problems().stream()
                .map(Problem::toString)
                .toList();
    }
}
