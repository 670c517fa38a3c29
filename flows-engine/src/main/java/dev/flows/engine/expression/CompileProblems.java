package dev.flows.engine.expression;

import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.Expression;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites CEL's compile errors into problems that say, at the offending character's file position, what
 * is wrong and what would be right. CEL's own wording is kept where it is already clear. Stateless.
 */
final class CompileProblems {

    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern NO_OVERLOAD =
            Pattern.compile("found no matching overload for '([^']*)' applied to '(.*?)'.*", Pattern.DOTALL);
    private static final Pattern EXPECTING = Pattern.compile(" expecting (\\{.*}|<EOF>)$", Pattern.DOTALL);
    /** Functions users reach for most, to suggest when a name is misspelt. */
    private static final List<String> FUNCTIONS = List.of(("size has int uint double string bytes bool dyn type"
                    + " timestamp duration matches startsWith endsWith contains exists exists_one all map filter"
                    + " lowerAscii upperAscii split join replace substring trim indexOf lastIndexOf charAt reverse"
                    + " quote orValue hasValue value getFullYear getMonth getDayOfMonth getDayOfWeek getHours"
                    + " getMinutes getSeconds greatest least ceil floor round abs")
            .split(" "));

    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("_==_", "=="),
            Map.entry("_!=_", "!="),
            Map.entry("_<_", "<"),
            Map.entry("_<=_", "<="),
            Map.entry("_>_", ">"),
            Map.entry("_>=_", ">="),
            Map.entry("_+_", "+"),
            Map.entry("_-_", "-"),
            Map.entry("_*_", "*"),
            Map.entry("_/_", "/"),
            Map.entry("_%_", "%"),
            Map.entry("_&&_", "&&"),
            Map.entry("_||_", "||"),
            Map.entry("!_", "!"),
            Map.entry("-_", "unary -"),
            Map.entry("_?_:_", "? :"),
            Map.entry("_[_]", "[]"),
            Map.entry("@in", "in"));

    private CompileProblems() {}

    /** A problem for one CEL error in {@code expression}, whose variables are {@code variables}. */
    static Problem of(Expression expression, CelIssue issue, List<String> variables) {
        CelSourceLocation position = issue.getSourceLocation();
        String text = expression.text();
        int offset = ExpressionPositions.offset(text, position.getLine(), position.getColumn());
        if (offset < 0) {
            return new Problem(expression.location(), explain(issue.getMessage(), "", variables));
        }
        Matcher undeclared = UNDECLARED.matcher(issue.getMessage());
        if (undeclared.matches() && textFrom(text, offset).startsWith("(")) {
            // CEL places an unknown call at its parenthesis; point at the function's name instead.
            String name = undeclared.group(1);
            offset = Math.max(0, offset - name.codePointCount(0, name.length()));
        }
        return new Problem(
                ExpressionPositions.atOffset(expression, offset),
                explain(issue.getMessage(), textFrom(text, offset), variables));
    }

    private static String explain(String message, String rest, List<String> variables) {
        Matcher undeclared = UNDECLARED.matcher(message);
        if (undeclared.matches()) {
            return undeclared(undeclared.group(1), rest, variables);
        }
        Matcher overload = NO_OVERLOAD.matcher(message);
        if (overload.matches()) {
            return noOverload(overload.group(1), overload.group(2));
        }
        if (message.startsWith("expression code point size exceeds limit")) {
            return "the expression is too long (" + message.substring(message.indexOf("size:"))
                    + " characters); split the work over several steps";
        }
        return syntax(message);
    }

    private static String undeclared(String name, String rest, List<String> variables) {
        if (rest.startsWith(name + "(")) {
            String functions = "a CEL standard function (size, has, int, double, string, matches, startsWith,"
                    + " ...) or one of the string, math and optional extensions (lowerAscii, split, math.greatest,"
                    + " orValue, ...)";
            return "unknown function '" + name + "'"
                    + NameSuggestion.closest(name, FUNCTIONS)
                            .map(function -> "; did you mean '" + function + "'? Use " + functions)
                            .orElse("; use " + functions);
        }
        String list = String.join(", ", variables);
        return "undeclared reference to '" + name + "'"
                + NameSuggestion.closest(name, variables)
                        .map(suggestion -> "; did you mean '" + suggestion + "'? The variables are " + list)
                        .orElse("; the variables are " + list);
    }

    private static String noOverload(String function, String arguments) {
        String operator = OPERATORS.getOrDefault(function, function);
        String what = "no '" + operator + "' for arguments of types " + arguments.replace("google.protobuf.", "");
        if (operator.equals("? :")) {
            return what + "; both branches of ? : must have the same type: convert one, e.g. with double(...),"
                    + " or wrap it in dyn(...)";
        }
        return what + "; convert a value to the type the other expects, e.g. with int(...), double(...) or"
                + " string(...)";
    }

    private static String syntax(String message) {
        String bare = EXPECTING.matcher(message).replaceFirst("");
        if (message.contains("token recognition error at: '=")) {
            return "syntax error: a single '=' is not an operator; compare with ==";
        }
        if (message.contains("token recognition error at: '\"") || message.contains("token recognition error at: ''")) {
            return "syntax error: a string is not closed: " + bare + "; end it with the quote it starts with";
        }
        if (message.contains("input 'and'") || message.contains("input 'or'") || message.contains("input 'not'")) {
            return "syntax error: " + bare + "; CEL writes and, or, not as &&, ||, !";
        }
        if (message.contains("'<EOF>'")) {
            return "syntax error: the expression ends too early (" + bare + "); complete it, e.g."
                    + " type == \"shop.order.placed\"";
        }
        return "syntax error: " + bare + "; check operators (==, &&, ||, !), quotes and parentheses";
    }

    private static String textFrom(String text, int offset) {
        if (offset < 0 || offset > text.codePointCount(0, text.length())) {
            return "";
        }
        return text.substring(text.offsetByCodePoints(0, offset));
    }
}
