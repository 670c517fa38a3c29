package dev.flows.engine.explain;

import dev.flows.api.flow.Destination;
import dev.flows.api.flow.TemplateSource;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The detail lines of an email destination: its name, sender, recipient and subject templates, bodies, login
 * and trust. Never the password; the user only as "login", since it may come from the environment. Stateless.
 */
final class EmailText {

    private EmailText() {}

    static void details(Destination.ToEmail to, List<String> details) {
        to.name().ifPresent(name -> details.add("name " + name));
        details.add("from " + to.from());
        recipients("to", to.to(), details);
        recipients("cc", to.cc(), details);
        recipients("bcc", to.bcc(), details);
        details.add("subject " + to.subject().text());
        String bodies = to.text().isPresent() && to.html().isPresent()
                ? "text and html templates (multipart/alternative)"
                : to.text().isPresent() ? "text template" : "html template";
        details.add("body " + bodies);
        if (to.smtp().user().isPresent()) {
            details.add("login (user and password from the flow file)");
        }
        to.smtp().caFile().ifPresent(file -> details.add("trusts ca-file " + file));
        to.smtp().trustHost().ifPresent(host -> details.add("trusts any certificate of " + host + " (tests only)"));
    }

    private static void recipients(String field, List<TemplateSource> templates, List<String> details) {
        if (!templates.isEmpty()) {
            details.add(
                    field + " " + templates.stream().map(TemplateSource::text).collect(Collectors.joining(", ")));
        }
    }
}
