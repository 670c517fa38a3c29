package dev.flows.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.RetryPolicy;
import dev.flows.api.flow.SmtpServer;
import dev.flows.api.flow.SmtpTls;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.flow.TemplateSource;
import dev.flows.api.sink.EmailMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An email's templates rendered for an event: text as it is, HTML escaped, data never checked here. */
class EmailTemplatesTest {

    private static final Event ORDER = Event.of(
            "o-17",
            "/shop",
            "shop.order.placed",
            Map.of("order", "A-17", "email", "ana@example.com", "name", "Ana <b>&</b>", "note", "x\r\nBcc: y"));

    @Test
    void shouldRenderRecipientsSubjectAndBothBodies() {
        EmailMessage message = EmailTemplates.compile(email(
                        "{{data.name}} <{{data.email}}>",
                        "Order {{data.order}} for {{data.name}}",
                        "<p>Hello {{data.name}}</p>"))
                .render(ORDER);

        assertThat(message.to()).containsExactly("Ana <b>&</b> <ana@example.com>");
        assertThat(message.cc()).containsExactly("boss@example.com");
        assertThat(message.bcc()).isEmpty();
        assertThat(message.subject()).isEqualTo("Order A-17 for Ana <b>&</b>");
        assertThat(message.text()).contains("Hello Ana <b>&</b>, order A-17");
        assertThat(message.html()).contains("<p>Hello Ana &lt;b&gt;&amp;&lt;/b&gt;</p>");
    }

    @Test
    void shouldLeaveLineBreaksFromTheDataForTheSinkToRefuse() {
        EmailMessage message = EmailTemplates.compile(email("{{data.email}}", "{{data.note}}", "<p/>"))
                .render(ORDER);

        assertThat(message.subject()).isEqualTo("x\r\nBcc: y");
    }

    @Test
    void shouldRefuseATemplateThatDoesNotCompile() {
        assertThatThrownBy(() -> EmailTemplates.compile(email("{{data.email", "Hi", "<p/>")))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessageContaining("email to: '{{' is not closed");
    }

    private static Destination.ToEmail email(String to, String subject, String html) {
        return new Destination.ToEmail(
                Optional.empty(),
                SmtpServer.of("smtp.example.com", SmtpTls.STARTTLS),
                "shop@example.com",
                List.of(TemplateSource.of(to)),
                List.of(TemplateSource.of("boss@example.com")),
                List.of(),
                TemplateSource.of(subject),
                Optional.of(TemplateSource.of("Hello {{data.name}}, order {{data.order}}")),
                Optional.of(TemplateSource.of(html)),
                RetryPolicy.DEFAULT,
                "flows.dead-letter",
                SourceLocation.JAVA);
    }
}
