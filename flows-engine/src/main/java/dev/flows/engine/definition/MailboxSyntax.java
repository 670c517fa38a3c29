package dev.flows.engine.definition;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks, at lint, that a value written in a flow file has the shape of an email address: {@code
 * local@domain} or {@code Display Name <local@domain>}, one line. The email connector parses every address
 * strictly (Jakarta Mail's {@code InternetAddress}, RFC 822) when the flow starts and per event; this only
 * lets lint point at the line and column of a mistake without the engine depending on a mail library.
 * Stateless.
 */
final class MailboxSyntax {

    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
    private static final String QUOTED = "\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"";
    private static final String LOCAL = "(?:" + ATEXT + "+(?:\\." + ATEXT + "+)*|" + QUOTED + ")";
    private static final String DOMAIN = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[^\\[\\]\\\\\\r\\n]*\\])";
    private static final String ADDRESS = LOCAL + "@" + DOMAIN;
    private static final String PHRASE = "(?:" + QUOTED + "|[^<>\"@,;:\\\\()\\[\\]\\r\\n]+)";
    private static final Pattern MAILBOX =
            Pattern.compile("\\s*(?:" + ADDRESS + "|(?:" + PHRASE + ")?\\s*<" + ADDRESS + ">)\\s*");

    private MailboxSyntax() {}

    /** Why {@code value} is not one email address, if it is not. */
    static Optional<String> problem(String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            return Optional.of("holds a line break or NUL, which would start another header");
        }
        if (!MAILBOX.matcher(value).matches()) {
            return Optional.of("is not an email address");
        }
        return Optional.empty();
    }

    /** Why {@code value}, one address or a comma-separated list of them, is not, if it is not. */
    static Optional<String> listProblem(String value) {
        for (String one : value.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)) {
            Optional<String> problem = problem(one);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}
