package dev.flows.engine.definition;

import dev.flows.api.error.Problem;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One flow file being read: its name and text, the problems found so far, and the helpers every reader
 * uses to take values out of YAML nodes while keeping their positions. A value of the wrong kind is
 * reported here and read as absent, so that reading goes on and finds every problem. Not thread-safe; one
 * per file.
 */
final class YamlFile {

    private final String name;
    private final List<String> lines;
    private final Map<String, String> environment;
    private final List<Problem> problems = new ArrayList<>();
    private final ReferenceLocations.Builder references = new ReferenceLocations.Builder();

    YamlFile(String name, String text, Map<String, String> environment) {
        this.name = name;
        this.lines = text.lines().toList();
        this.environment = environment;
    }

    String name() {
        return name;
    }

    List<Problem> problems() {
        return problems;
    }

    ReferenceLocations.Builder references() {
        return references;
    }

    /** Remembers where {@code part} of {@code record} was written, for {@link FlowValidator}'s messages. */
    void reference(Object record, ReferenceLocations.Part part, Node node) {
        references.put(record, part, at(node));
    }

    /** Where {@code node} starts: 1-based line and column. */
    SourceLocation at(Node node) {
        return node.getStartMark().map(this::at).orElse(new SourceLocation(name, 0, 0));
    }

    SourceLocation at(Mark mark) {
        return new SourceLocation(name, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void problem(Node node, String message) {
        problem(at(node), message);
    }

    void problem(SourceLocation where, String message) {
        problems.add(new Problem(where, message));
    }

    /** Whether the node is YAML's null: nothing written, {@code ~} or {@code null}. */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    /** How messages describe what was found: {@code a list}, {@code a map}, {@code nothing}, {@code 'x'}. */
    static String kind(Node node) {
        return switch (node) {
            case ScalarNode scalar when isNull(scalar) -> "nothing";
            case ScalarNode scalar -> "'" + shortened(scalar.getValue()) + "'";
            case SequenceNode ignored -> "a list";
            case MappingNode ignored -> "a map";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String shortened(String value) {
        String line = value.lines().findFirst().orElse("");
        return line.length() > 60 || !line.equals(value)
                ? line.substring(0, Math.min(60, line.length())) + "..."
                : line;
    }

    /**
     * The node's text, when it is a scalar that is not null or blank; otherwise reports {@code expected}
     * (such as {@code 'from' must be a channel name}), what was found, and {@code example}.
     */
    Optional<String> text(Node node, String expected, String example) {
        if (node instanceof ScalarNode scalar
                && !isNull(scalar)
                && !scalar.getValue().isBlank()) {
            return Optional.of(scalar.getValue());
        }
        return wrongKind(node, expected, example);
    }

    /** The node as a map, or a report of {@code expected}, what was found and {@code example}. */
    Optional<MappingNode> map(Node node, String expected, String example) {
        return node instanceof MappingNode map ? Optional.of(map) : wrongKind(node, expected, example);
    }

    /** The node as a list, or a report of {@code expected}, what was found and {@code example}. */
    Optional<SequenceNode> list(Node node, String expected, String example) {
        return node instanceof SequenceNode list ? Optional.of(list) : wrongKind(node, expected, example);
    }

    /**
     * The node as a CEL expression located at its first character: for plain scalars where the node
     * starts, for quoted ones one column further, for block scalars ({@code |}, {@code >}) on the line
     * after the indicator at the block's indentation.
     */
    Optional<Expression> expression(Node node, String expected, String example) {
        return text(node, expected, example).map(text -> new Expression(text, expressionStart((ScalarNode) node)));
    }

    private <T> Optional<T> wrongKind(Node node, String expected, String example) {
        problem(node, expected + ", found " + kind(node) + "; write e.g. " + example);
        return Optional.empty();
    }

    /** {@code text} with {@code ${NAME}} and {@code ${NAME:-default}} replaced from the environment. */
    Optional<String> expand(Node node, String text, String what) {
        Placeholders.Expansion expansion = Placeholders.expand(text, environment);
        for (String missing : expansion.missing()) {
            problem(
                    node,
                    what + " uses the environment variable " + missing + ", which is not set; set it, or"
                            + " give a default: ${" + missing + ":-value}");
        }
        return expansion.missing().isEmpty() ? Optional.of(expansion.value()) : Optional.empty();
    }

    private SourceLocation expressionStart(ScalarNode node) {
        SourceLocation start = at(node);
        ScalarStyle style = node.getScalarStyle();
        if (style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED) {
            return new SourceLocation(name, start.line(), start.column() + 1);
        }
        if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
            return blockContentStart(start);
        }
        return start;
    }

    /** The line after a block scalar's indicator, at the indentation of the block's first non-blank line. */
    private SourceLocation blockContentStart(SourceLocation indicator) {
        for (int index = indicator.line(); index < lines.size(); index++) {
            String line = lines.get(index);
            if (!line.isBlank()) {
                int indentation = line.length() - line.stripLeading().length();
                return new SourceLocation(name, indicator.line() + 1, indentation + 1);
            }
        }
        return indicator;
    }
}
