package dev.flows.engine.template;

import dev.flows.api.event.Event;
import dev.flows.api.flow.Destination;
import dev.flows.api.flow.TemplateSource;
import dev.flows.api.sink.EmailMessage;
import java.util.List;
import java.util.Optional;

/**
 * The templates of one email destination, compiled once: recipients and subject as text, the text body as
 * text, the HTML body as HTML (values escaped). {@link #render} fills them in for an event into the {@link
 * EmailMessage} the email sink checks and sends. Immutable and thread-safe; rendering never throws.
 */
public final class EmailTemplates {

    private final List<Template> to;
    private final List<Template> cc;
    private final List<Template> bcc;
    private final Template subject;
    private final Optional<Template> text;
    private final Optional<Template> html;

    private EmailTemplates(Destination.ToEmail email) {
        this.to = compile(email.to(), "email to");
        this.cc = compile(email.cc(), "email cc");
        this.bcc = compile(email.bcc(), "email bcc");
        this.subject = Template.compile(email.subject(), TemplateKind.TEXT, "email subject");
        this.text = email.text().map(source -> Template.compile(source, TemplateKind.TEXT, "email text"));
        this.html = email.html().map(source -> Template.compile(source, TemplateKind.HTML, "email html"));
    }

    /**
     * Compiles every template of {@code email}.
     *
     * @throws dev.flows.api.error.FlowDefinitionException with the problems of the first template that does not
     *     compile, each at its file, line and column (flow files are checked at load, so only a destination
     *     built in Java can get here with one)
     */
    public static EmailTemplates compile(Destination.ToEmail email) {
        return new EmailTemplates(email);
    }

    /** The email for {@code event}, unchecked: the sink refuses line breaks and bad addresses. Never throws. */
    public EmailMessage render(Event event) {
        return new EmailMessage(
                render(to, event),
                render(cc, event),
                render(bcc, event),
                subject.render(event),
                text.map(template -> template.render(event)),
                html.map(template -> template.render(event)));
    }

    private static List<Template> compile(List<TemplateSource> sources, String what) {
        return sources.stream()
                .map(source -> Template.compile(source, TemplateKind.TEXT, what))
                .toList();
    }

    private static List<String> render(List<Template> templates, Event event) {
        return templates.stream().map(template -> template.render(event)).toList();
    }
}
