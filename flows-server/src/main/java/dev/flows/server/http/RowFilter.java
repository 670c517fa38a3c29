package dev.flows.server.http;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.Expression;
import dev.flows.api.flow.SourceLocation;
import dev.flows.api.state.StateStore;
import dev.flows.api.state.TableRow;
import dev.flows.engine.expression.CelCompiler;
import dev.flows.engine.expression.CompiledExpression;
import dev.flows.engine.expression.ExpressionException;
import dev.flows.engine.expression.ResultType;
import dev.flows.engine.format.JsonValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code filter} of {@code GET /tables/{name}}: a CEL condition over {@code row} (the row's value) and
 * {@code key}, compiled for the request. Its cost is bounded: at most {@value #MAX_LENGTH} characters, and one
 * request scans at most {@value #MAX_SCANNED} rows; when it stops there, the answer's {@code next} resumes
 * after the last row scanned, so a filter that matches few rows still pages through a large table. Immutable.
 */
final class RowFilter {

    /** The longest filter accepted, in characters. */
    static final int MAX_LENGTH = 1_000;

    /** The most rows one filtered request looks at. */
    static final int MAX_SCANNED = 100_000;

    private static final int READ_PAGE = 1_000;
    private static final String ROW = "row";
    private static final String KEY = "key";

    private final CompiledExpression condition;

    private RowFilter(CompiledExpression condition) {
        this.condition = condition;
    }

    /** A page of rows and where the next one starts ({@code null} at the table's end). */
    record Page(List<RowView> rows, String next) {}

    /**
     * Compiles a filter.
     *
     * @throws ApiException 400 if it is too long or not a bool CEL condition over {@code row} and {@code key},
     *     with the line and column of each problem
     */
    static RowFilter compile(String text, CelCompiler cel) {
        if (text.length() > MAX_LENGTH) {
            throw ApiException.badRequest(
                    "invalid-filter",
                    "query parameter 'filter' is " + text.length() + " characters long; a filter may have at most "
                            + MAX_LENGTH + ", so narrow it down or filter on the client");
        }
        try {
            Expression expression = new Expression(text, new SourceLocation("filter", 1, 1));
            return new RowFilter(cel.compileOver(expression, ResultType.BOOL, Set.of(ROW, KEY)));
        } catch (FlowDefinitionException e) {
            throw ApiException.badRequest(
                    "invalid-filter",
                    "query parameter 'filter' is not a CEL condition over row and key: "
                            + e.problems().stream().map(RowFilter::positioned).collect(Collectors.joining("; "))
                            + ". Write e.g. filter=row.orders > 10 && key.startsWith(\"u\")");
        }
    }

    private static String positioned(Problem problem) {
        SourceLocation where = problem.where();
        return "at line " + where.line() + ", column " + where.column() + ": " + problem.message();
    }

    /**
     * Up to {@code limit} matching rows with keys after {@code after}, in key order, looking at no more than
     * {@value #MAX_SCANNED} rows.
     *
     * @throws ApiException 400 if the filter fails on a row, naming the row
     */
    Page scan(StateStore state, String table, String after, int limit) {
        List<RowView> matched = new ArrayList<>();
        String last = after;
        int scanned = 0;
        while (true) {
            int wanted = Math.min(READ_PAGE, MAX_SCANNED - scanned);
            List<TableRow> rows = state.scan(table, last, wanted);
            for (TableRow row : rows) {
                scanned++;
                last = row.key();
                if (matches(table, row)) {
                    matched.add(RowView.of(row));
                    if (matched.size() == limit) {
                        return new Page(matched, last);
                    }
                }
            }
            if (rows.size() < wanted) {
                return new Page(matched, null); // the end of the table
            }
            if (scanned == MAX_SCANNED) {
                return new Page(matched, last); // the budget is spent; the next request goes on from here
            }
        }
    }

    private boolean matches(String table, TableRow row) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ROW, JsonValues.decode(row.value()));
        variables.put(KEY, row.key());
        try {
            return condition.test(variables);
        } catch (ExpressionException e) {
            throw ApiException.badRequest(
                    "filter-failed",
                    "query parameter 'filter' failed on row '" + row.key() + "' of table '" + table + "': "
                            + e.getMessage() + "; a filter must work on every row it meets, so test fields that"
                            + " not every row has with has(...) first");
        }
    }
}
