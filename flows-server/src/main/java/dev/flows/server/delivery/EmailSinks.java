package dev.flows.server.delivery;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.SmtpServer;
import dev.flows.api.sink.Sink;
import dev.flows.connectors.email.EmailConnector;
import dev.flows.engine.template.EmailTemplates;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The sinks the runtime (and a redrive) gets for email destinations: each from the one {@link EmailConnector},
 * its templates compiled here once per sink (the connector does not know the engine), its {@code ca-file}
 * resolved against the flow directory as lookup files are. Thread-safe.
 */
public final class EmailSinks {

    private final EmailConnector connector;
    private final Path flowDirectory;

    public EmailSinks(EmailConnector connector, Path flowDirectory) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.flowDirectory = Objects.requireNonNull(flowDirectory, "flowDirectory");
    }

    /**
     * @throws dev.flows.api.error.FlowDefinitionException if a template or {@code from} is wrong (flow files are
     *     checked at load, so only a destination built in Java can get here with one)
     * @throws dev.flows.api.error.ConfigurationException if the ca-file cannot be read
     */
    public Sink email(String flow, Destination.ToEmail destination) {
        EmailTemplates templates = EmailTemplates.compile(destination);
        return connector.sink(flow, resolved(destination), templates::render);
    }

    private Destination.ToEmail resolved(Destination.ToEmail email) {
        if (email.smtp().caFile().isEmpty()) {
            return email;
        }
        SmtpServer smtp = email.smtp()
                .withCaFile(flowDirectory.resolve(email.smtp().caFile().get()));
        return new Destination.ToEmail(
                email.name(),
                smtp,
                email.from(),
                email.to(),
                email.cc(),
                email.bcc(),
                email.subject(),
                email.text(),
                email.html(),
                email.retry(),
                email.deadLetter(),
                email.location());
    }
}
