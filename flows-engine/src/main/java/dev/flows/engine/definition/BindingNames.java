package dev.flows.engine.definition;

import dev.flows.engine.expression.EventVariables;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule for names that expressions read as variables: a pattern stage's name ({@code checkout.data.order})
 * and a join's {@code as} ({@code payment.data.amount}). They must be CEL identifiers, must not hide an event
 * variable ({@code data}, {@code type}, ...) and must not be CEL reserved words, or the expressions that use
 * them could not be written. Stateless.
 */
final class BindingNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** CEL's keywords and reserved words, none of which can name a variable. */
    private static final Set<String> RESERVED = Set.of(
            "true",
            "false",
            "null",
            "in",
            "as",
            "break",
            "const",
            "continue",
            "else",
            "for",
            "function",
            "if",
            "import",
            "let",
            "loop",
            "package",
            "namespace",
            "return",
            "var",
            "void",
            "while");

    private BindingNames() {}

    /**
     * A problem with {@code name}, if expressions could not use it as a variable.
     *
     * @param what    what the name names, e.g. {@code stage name}
     * @param example a valid name to show, e.g. {@code checkout}
     */
    static Optional<String> check(String what, String name, String example) {
        if (!IDENTIFIER.matcher(name).matches()) {
            return Optional.of(what + " '" + name + "' is not an identifier; use letters, digits and '_', starting"
                    + " with a letter or '_', e.g. " + example + ", so that expressions can read " + example
                    + ".data");
        }
        if (EventVariables.NAMES.contains(name)) {
            return Optional.of(what + " '" + name + "' would hide the event variable of that name; choose another,"
                    + " e.g. " + example + " (the event variables are " + String.join(", ", EventVariables.NAMES)
                    + ")");
        }
        if (RESERVED.contains(name)) {
            return Optional.of(what + " '" + name + "' is a reserved word of CEL; choose another, e.g. " + example);
        }
        return Optional.empty();
    }

    /** Whether {@code name} may be bound as a variable. */
    static boolean valid(String name) {
        return check("name", name, "x").isEmpty();
    }
}
