package dev.flows.engine.expression;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed evaluation into an {@link ExpressionException} that names the expression, the position
 * of the failing part in its file, the cause, and what to do about it. Stateless.
 */
final class EvaluationFailure {

    private static final Pattern POSITIONED = Pattern.compile("evaluation error at [^:]*:(\\d+): (.*)", Pattern.DOTALL);
    private static final Pattern MISSING_KEY = Pattern.compile("key '([^']*)' is not present in map\\.?");
    private static final Pattern BARE_KEY = Pattern.compile("\\S+");
    private static final Pattern SELECTED_NAME =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)$");

    private EvaluationFailure() {}

    /** The exception for CEL's own evaluation error. */
    static ExpressionException of(Expression expression, CelEvaluationException error) {
        Matcher positioned = POSITIONED.matcher(error.getMessage());
        int offset = positioned.matches() ? Integer.parseInt(positioned.group(1)) : -1;
        CelErrorCode code = error.getErrorCode() == null ? CelErrorCode.INTERNAL_ERROR : error.getErrorCode();
        String cause = (positioned.matches() ? positioned.group(2) : error.getMessage()).strip();
        if (code == CelErrorCode.ATTRIBUTE_NOT_FOUND && BARE_KEY.matcher(cause).matches()) {
            cause = "key '" + cause + "' is not present in map";
        }
        SourceLocation where = offset >= 0 ? ExpressionPositions.atOffset(expression, offset) : expression.location();
        String hint = hint(code, cause, expression.text(), offset);
        return failure(expression, where, trimPeriod(cause) + "; " + hint, error);
    }

    /** The exception for any other failure, located at the expression's start. */
    static ExpressionException of(Expression expression, String causeAndHint, Throwable cause) {
        return failure(expression, expression.location(), causeAndHint, cause);
    }

    private static ExpressionException failure(
            Expression expression, SourceLocation where, String causeAndHint, Throwable cause) {
        return new ExpressionException(
                where + ": evaluating `" + expression.text() + "` failed: " + causeAndHint, cause);
    }

    private static String hint(CelErrorCode code, String cause, String text, int offset) {
        return switch (code) {
            case ATTRIBUTE_NOT_FOUND -> missingKey(cause, text, offset);
            case OVERLOAD_NOT_FOUND, AMBIGUOUS_OVERLOAD ->
                "the values have types this operation does not combine (a JSON number with a decimal point is a"
                        + " double, one without is an int); convert with double(...) or int(...)";
            case DIVIDE_BY_ZERO -> "guard the divisor, e.g. d != 0 ? n / d : 0";
            case INDEX_OUT_OF_BOUNDS -> "check the length first, e.g. size(data.items) > 2 ? data.items[2] : null";
            case NUMERIC_OVERFLOW -> "the result does not fit a 64-bit int; compute with double(...)";
            case ITERATION_BUDGET_EXCEEDED ->
                "an expression may iterate at most " + CelEnvironment.MAX_ITERATIONS
                        + " times per event; iterate over less data";
            case BAD_FORMAT, INVALID_ARGUMENT -> "check the value passed to the function against the format it needs";
            case DUPLICATE_ATTRIBUTE -> "give each map key once";
            case TYPE_NOT_FOUND, INTERNAL_ERROR ->
                "check that the event has the fields and types the expression expects";
        };
    }

    private static String missingKey(String cause, String text, int offset) {
        Matcher missing = MISSING_KEY.matcher(cause);
        if (!missing.matches()) {
            return "guard it with has(data.x), or read it with a default: data.?x.orValue(0)";
        }
        String key = missing.group(1);
        String receiver = offset > 0 ? receiverBefore(text, offset) : "";
        String path = receiver.isEmpty() ? "data." + key : receiver + "." + key;
        String parent = receiver.isEmpty() ? "data" : receiver;
        return "guard it with has(" + path + "), or read it with a default: " + parent + ".?" + key + ".orValue(...)";
    }

    /** The dotted name just before {@code offset}, such as {@code data.order} in {@code data.order.id}. */
    private static String receiverBefore(String text, int offset) {
        int end = text.offsetByCodePoints(0, Math.min(offset, text.codePointCount(0, text.length())));
        Matcher name = SELECTED_NAME.matcher(text.substring(0, end));
        return name.find() ? name.group(1) : "";
    }

    private static String trimPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
