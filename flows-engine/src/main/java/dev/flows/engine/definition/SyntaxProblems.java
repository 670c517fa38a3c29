package dev.flows.engine.definition;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.SourceLocation;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Turns a YAML syntax error into a problem at the point the scanner or parser stopped, saying what it was
 * reading (and where that started) and the usual fix. Stateless.
 */
final class SyntaxProblems {

    private SyntaxProblems() {}

    static Problem of(YamlFile file, MarkedYamlEngineException error) {
        Optional<Mark> mark = error.getProblemMark().or(error::getContextMark);
        SourceLocation where = mark.map(file::at).orElse(new SourceLocation(file.name(), 0, 0));
        String problem = error.getProblem() == null ? "unreadable YAML" : error.getProblem();
        if (problem.contains("(TAB)")) {
            return new Problem(where, "YAML syntax error: a tab indents this line; indent with spaces, not tabs");
        }
        String context = error.getContext() == null
                ? ""
                : " " + error.getContext()
                        + error.getContextMark()
                                .filter(start ->
                                        mark.filter(at -> samePlace(at, start)).isEmpty())
                                .map(start -> " that starts at line " + (start.getLine() + 1) + ", column "
                                        + (start.getColumn() + 1))
                                .orElse("");
        return new Problem(where, "YAML syntax error: " + problem + context + "; " + hint(problem, context));
    }

    private static boolean samePlace(Mark a, Mark b) {
        return a.getLine() == b.getLine() && a.getColumn() == b.getColumn();
    }

    private static String hint(String problem, String context) {
        if (problem.contains("mapping values are not allowed")) {
            return "check this line's indentation, and quote a value that contains ': ' (e.g. filter: 'a: b')";
        }
        if (context.contains("quoted scalar")) {
            return "close the quote";
        }
        if (problem.contains("expected <block end>") || context.contains("block")) {
            return "check the indentation: items of one list or map start in the same column";
        }
        if (context.contains("flow sequence") || context.contains("flow mapping")) {
            return "close the bracket or brace, and separate items with ', '";
        }
        return "check indentation and quoting around this point";
    }
}
