package dev.flows.engine.definition;

import dev.flows.api.flow.Aggregate;
import dev.flows.api.flow.Expression;
import dev.flows.engine.expression.NameSuggestion;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads one aggregate of a window, {@code name: function(expression)} such as {@code revenue:
 * sum(data.price * double(data.qty))} or {@code events: count()}, cutting the text exactly as {@link
 * dev.flows.api.flow.FlowBuilder} does so that both give the same model. The argument keeps its own position
 * in the file, so that CEL errors in it point at their character; problems with the call itself point at the
 * function's name, the argument or the missing parenthesis. Not thread-safe (it reports into its file).
 */
final class AggregateText {

    private static final List<String> FUNCTIONS = Arrays.stream(Aggregate.Function.values())
            .map(Aggregate.Function::yamlName)
            .toList();
    private static final String FORM = "write function(expression), such as sum(data.amount) or count()";

    private final YamlFile file;

    AggregateText(YamlFile file) {
        this.file = file;
    }

    /**
     * The aggregate {@code call} writes, if it is a known function applied the way that function takes.
     *
     * @param name the aggregate's name, for messages
     * @param call the text after the name, located at its first character
     */
    Optional<Aggregate> read(String name, Expression call) {
        String raw = call.text();
        int lead = raw.length() - raw.stripLeading().length();
        String text = raw.strip();
        int open = text.indexOf('(');
        String what = "aggregate '" + name + "'";
        if (open < 0) {
            return problem(
                    call,
                    lead,
                    what + " is not a function call: '" + text + "'; " + FORM + "; the functions are "
                            + String.join(", ", FUNCTIONS));
        }
        if (!text.endsWith(")")) {
            return problem(call, lead + text.length(), what + ": '" + text + "' does not end with ')'; " + FORM);
        }
        String function = text.substring(0, open).strip();
        Optional<Aggregate.Function> known = Arrays.stream(Aggregate.Function.values())
                .filter(candidate -> candidate.yamlName().equals(function))
                .findFirst();
        if (known.isEmpty()) {
            return problem(
                    call,
                    lead,
                    what + ": unknown function '" + function + "'"
                            + NameSuggestion.closest(function, FUNCTIONS)
                                    .map(close -> "; did you mean '" + close + "'? The functions are ")
                                    .orElse("; the functions are ")
                            + String.join(", ", FUNCTIONS));
        }
        String inside = text.substring(open + 1, text.length() - 1);
        String argument = inside.strip();
        int argumentOffset =
                lead + open + 1 + (inside.length() - inside.stripLeading().length());
        if (known.get().takesArgument() && argument.isEmpty()) {
            return problem(
                    call,
                    lead + text.length() - 1,
                    what + ": " + function + "() needs an expression to aggregate, e.g. " + function + "(data.amount)");
        }
        if (!known.get().takesArgument() && !argument.isEmpty()) {
            return problem(
                    call,
                    argumentOffset,
                    what + ": count() takes no expression, it counts the window's events; write count(), or"
                            + " count_distinct(" + argument + ") to count different values");
        }
        Expression parsed =
                argument.isEmpty() ? null : new Expression(argument, TextPositions.at(call, argumentOffset));
        return Optional.of(new Aggregate(name, known.get(), parsed));
    }

    private Optional<Aggregate> problem(Expression call, int offset, String message) {
        file.problem(TextPositions.at(call, offset), message);
        return Optional.empty();
    }
}
