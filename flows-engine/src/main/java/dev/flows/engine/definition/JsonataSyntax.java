package dev.flows.engine.definition;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.Expression;
import java.util.Optional;

/**
 * Checks that a mapping step's text parses as JSONata, pointing a syntax error at its character in the file.
 * Only parses: what the expression reads is known when it runs. Stateless and thread-safe.
 */
final class JsonataSyntax {

    private static final String HELP =
            "check brackets, quotes and commas (JSONata is documented at" + " https://docs.jsonata.org)";

    private JsonataSyntax() {}

    /**
     * A problem with {@code mapping}, if it is not JSONata.
     *
     * @param mapping the JSONata text, located at its first character
     */
    static Optional<Problem> check(Expression mapping) {
        try {
            Jsonata.jsonata(mapping.text());
            return Optional.empty();
        } catch (JException e) {
            return Optional.of(new Problem(
                    TextPositions.at(mapping, offset(mapping.text(), e.getLocation())),
                    "the mapping is not valid JSONata: " + e.getMessage() + " (" + e.getError() + "); " + HELP));
        } catch (RuntimeException | StackOverflowError e) {
            // The parser is a third party's recursive descent: a deeply nested text can overflow it, and its
            // unexpected failures must still come back as a problem of the file rather than stop the whole lint.
            return Optional.of(new Problem(
                    mapping.location(),
                    "the mapping cannot be parsed as JSONata (" + e.getClass().getSimpleName() + "); simplify it and "
                            + HELP));
        }
    }

    /**
     * JSONata gives the offset just after the token it stopped at; pointing at that token's last character
     * (or the text's last one, when it stopped at the end) puts the mark on something written.
     */
    private static int offset(String text, int location) {
        int written = text.stripTrailing().length();
        return Math.max(0, Math.min(location, written) - 1);
    }
}
