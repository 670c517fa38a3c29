package dev.flows.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CelCompilerTest {

    private static final CelCompiler CEL = new CelCompiler();

    private static Expression at(String text, int line, int column) {
        return new Expression(text, new SourceLocation("shop.yaml", line, column));
    }

    private static List<String> problems(Expression expression, ResultType type) {
        return problems(expression, type, Set.of());
    }

    private static List<String> problems(Expression expression, ResultType type, Set<String> extras) {
        try {
            CEL.compile(expression, type, extras);
        } catch (FlowDefinitionException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected `" + expression.text() + "` to be refused");
    }

    @Test
    void shouldRefuseNonBoolFilterAtCompileTimeWithLocation() {
        assertThat(problems(at("type", 7, 13), ResultType.BOOL))
                .containsExactly("shop.yaml:7:13: a filter or route condition must be a bool expression, this one is"
                        + " of type string; compare it, e.g. type == \"shop.order.placed\"");
        assertThat(problems(at("data.amount * 2.0", 3, 9), ResultType.BOOL))
                .containsExactly("shop.yaml:3:9: a filter or route condition must be a bool expression, this one is"
                        + " of type double; compare it, e.g. data.amount > 500.0");
    }

    @Test
    void shouldAcceptDynConditionsAndAnyResults() {
        assertThat(CEL.compile(at("data.flag", 1, 1), ResultType.BOOL).source().text())
                .isEqualTo("data.flag");
        assertThat(CEL.compile(at("type", 1, 1), ResultType.ANY)).isNotNull();
    }

    @Test
    void shouldReportUndeclaredVariableWithSuggestionAtItsColumn() {
        assertThat(problems(at("type == \"a\" && dta.amount > 5", 12, 13), ResultType.BOOL))
                .containsExactly("shop.yaml:12:28: undeclared reference to 'dta'; did you mean 'data'? The variables"
                        + " are id, source, type, specversion, subject, time, datacontenttype, dataschema, data,"
                        + " extensions");
    }

    @Test
    void shouldListExtraVariablesWhenNothingIsClose() {
        assertThat(problems(at("total + 1", 4, 10), ResultType.ANY, Set.of("row")))
                .containsExactly("shop.yaml:4:10: undeclared reference to 'total'; the variables are id, source,"
                        + " type, specversion, subject, time, datacontenttype, dataschema, data, extensions, row");
    }

    @Test
    void shouldReportUnknownFunction() {
        assertThat(problems(at("sum(data.items) > 1", 2, 11), ResultType.BOOL))
                .containsExactly("shop.yaml:2:11: unknown function 'sum'; use a CEL standard function (size, has,"
                        + " int, double, string, matches, startsWith, ...) or one of the string, math and optional"
                        + " extensions (lowerAscii, split, math.greatest, orValue, ...)");
    }

    @Test
    void shouldReportTypeMismatchWithConversionHint() {
        assertThat(problems(at("type == 1", 5, 13), ResultType.BOOL))
                .containsExactly("shop.yaml:5:18: no '==' for arguments of types (string, int); convert a value to"
                        + " the type the other expects, e.g. with int(...), double(...) or string(...)");
    }

    @Test
    void shouldReportSyntaxErrorsWithHints() {
        assertThat(problems(at("type = \"a\"", 9, 13), ResultType.BOOL))
                .first()
                .isEqualTo("shop.yaml:9:18: syntax error: a single '=' is not an operator; compare with ==");
        assertThat(problems(at("type == \"a\" and true", 9, 13), ResultType.BOOL))
                .first()
                .isEqualTo("shop.yaml:9:25: syntax error: mismatched input 'and'; CEL writes and, or, not as &&, ||,"
                        + " !");
        assertThat(problems(at("data.amount >", 9, 13), ResultType.BOOL))
                .containsExactly("shop.yaml:9:26: syntax error: the expression ends too early (mismatched input"
                        + " '<EOF>'); complete it, e.g. type == \"shop.order.placed\"");
    }

    @Test
    void shouldLocateErrorsOnLaterLinesOfMultiLineExpressions() {
        assertThat(problems(at("type == \"a\" &&\n  dtaa.x > 1", 20, 9), ResultType.BOOL))
                .containsExactly("shop.yaml:21:11: undeclared reference to 'dtaa'; did you mean 'data'? The"
                        + " variables are id, source, type, specversion, subject, time, datacontenttype, dataschema,"
                        + " data, extensions");
    }

    @Test
    void shouldReportEveryErrorOfOneExpression() {
        assertThat(problems(at("foo == 1 && bar == 2", 1, 1), ResultType.BOOL)).hasSize(2);
    }

    @Test
    void shouldRefuseEmptyExpression() {
        assertThat(problems(at("  ", 3, 3), ResultType.BOOL))
                .containsExactly(
                        "shop.yaml:3:3: the expression is empty; write a CEL expression, e.g. type == \"shop.order.placed\"");
    }

    @Test
    void shouldKeepJavaLocationForExpressionsBuiltInJava() {
        assertThatThrownBy(() -> CEL.compile(Expression.of("dta > 1"), ResultType.BOOL))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessageStartingWith("<java>: undeclared reference to 'dta'");
    }

    @Test
    void shouldRefuseExtraVariableThatHidesAnEventVariable() {
        assertThatThrownBy(() -> CEL.compile(at("data", 1, 1), ResultType.ANY, Set.of("data")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extra variable 'data' hides the event variable of that name; choose another name");
    }

    @Test
    void shouldRefuseOverlongExpressions() {
        String text = "1 + ".repeat(CelEnvironment.MAX_CODE_POINTS / 4 + 1) + "1";
        assertThat(problems(at(text, 1, 1), ResultType.ANY))
                .singleElement()
                .asString()
                .startsWith("shop.yaml:1:1: the expression is too long")
                .endsWith("split the work over several steps");
    }
}
