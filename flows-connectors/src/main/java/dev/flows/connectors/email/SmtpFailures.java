package dev.flows.connectors.email;

import dev.flows.api.flow.SmtpServer;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Classifies what Angus Mail threw for one send into an {@link SmtpFailure}: an SMTP reply (the typed
 * exceptions carry its code; a refused greeting or login only says it in the message), a connection that
 * failed or timed out (retryable), or a TLS problem (not retryable: a certificate does not fix itself).
 * Stateless.
 */
final class SmtpFailures {

    private static final Pattern CODE = Pattern.compile("(?:response: |^)([2-5]\\d\\d)\\b");
    private static final String UNREACHABLE = "is the SMTP server running and reachable at that address?";

    private SmtpFailures() {}

    static SmtpFailure of(MessagingException error, SmtpServer server) {
        List<Throwable> chain = chain(error);
        Optional<SmtpFailure> replied = replied(chain);
        if (replied.isPresent()) {
            return replied.get();
        }
        if (error instanceof AuthenticationFailedException) {
            String reply = oneLine(error.getMessage());
            return new SmtpFailure.Replied(code(reply).orElse(535), reply, "", "login");
        }
        String message = oneLine(error.getMessage());
        if (message.toLowerCase(Locale.ROOT).contains("starttls is required")) {
            return new SmtpFailure.Unanswered(
                    "the server does not offer STARTTLS",
                    "the flow requires it (tls: starttls): use the server's submission port, or tls: smtps",
                    false);
        }
        Optional<SSLException> tls = find(chain, SSLException.class);
        if (tls.isPresent()) {
            return new SmtpFailure.Unanswered(
                    "TLS failed: " + oneLine(tls.get().getMessage()),
                    "check the server's certificate and the flow's tls, ca-file and port (STARTTLS is usually 587,"
                            + " SMTPS 465)",
                    false);
        }
        Optional<Integer> greeting = code(message);
        if (greeting.isPresent()) {
            return new SmtpFailure.Replied(greeting.get(), message, "", "connection");
        }
        return unanswered(chain, server, message);
    }

    private static SmtpFailure unanswered(List<Throwable> chain, SmtpServer server, String message) {
        if (find(chain, UnknownHostException.class).isPresent()) {
            return new SmtpFailure.Unanswered(
                    "could not resolve the host name", "check the flow's smtp host and the DNS", true);
        }
        if (find(chain, ConnectException.class).isPresent()) {
            return new SmtpFailure.Unanswered("connection refused", UNREACHABLE, true);
        }
        Optional<SocketTimeoutException> timeout = find(chain, SocketTimeoutException.class);
        if (timeout.isPresent()) {
            boolean connecting = message.toLowerCase(Locale.ROOT).contains("couldn't connect");
            return connecting
                    ? new SmtpFailure.Unanswered(
                            "could not connect within " + Human.of(server.connectTimeout()), UNREACHABLE, true)
                    : new SmtpFailure.Unanswered(
                            "no answer within " + Human.of(server.timeout()),
                            "the server is slow or stuck; check it, or raise the flow's smtp timeout",
                            true);
        }
        String cause = find(chain, IOException.class)
                .map(io -> "I/O error: " + oneLine(io.getMessage()))
                .orElse(message);
        return new SmtpFailure.Unanswered(
                cause, "check the server's logs and the network between Flows and the server", true);
    }

    /** The first SMTP reply a typed exception carries: the refused recipient, sender or mail. */
    private static Optional<SmtpFailure> replied(List<Throwable> chain) {
        for (Throwable t : chain) {
            switch (t) {
                case SMTPAddressFailedException e -> {
                    return Optional.of(new SmtpFailure.Replied(
                            e.getReturnCode(), oneLine(e.getMessage()), "<" + e.getAddress() + ">", "recipient"));
                }
                case SMTPSenderFailedException e -> {
                    return Optional.of(
                            new SmtpFailure.Replied(e.getReturnCode(), oneLine(e.getMessage()), "", "sender"));
                }
                case SMTPSendFailedException e
                when e.getReturnCode() > 0 -> {
                    return Optional.of(new SmtpFailure.Replied(e.getReturnCode(), oneLine(e.getMessage()), "", "mail"));
                }
                default -> {}
            }
        }
        return Optional.empty();
    }

    /** The error, its causes and the exceptions chained to it with {@code setNextException}, each once. */
    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>(List.of(error));
        while (!todo.isEmpty() && chain.size() < 32) {
            Throwable t = todo.removeFirst();
            if (t == null || chain.contains(t)) {
                continue;
            }
            chain.add(t);
            todo.add(t.getCause());
            if (t instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
        }
        return chain;
    }

    private static <T extends Throwable> Optional<T> find(List<Throwable> chain, Class<T> type) {
        return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private static Optional<Integer> code(String message) {
        Matcher matcher = CODE.matcher(message);
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
