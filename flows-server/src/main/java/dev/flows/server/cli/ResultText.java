package dev.flows.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The answer of {@code POST /sql} as text: an aligned table for people (numbers to the right, a line saying how
 * many rows and whether there were more), or CSV (RFC 4180: a header line, fields quoted when they need it) for
 * tools. Strings print as they are; other JSON values (objects, arrays) as JSON; null as an empty field.
 */
final class ResultText {

    private ResultText() {}

    static void table(JsonNode answer, PrintWriter out) {
        List<String> names = names(answer);
        List<List<String>> rows = cells(answer);
        int[] widths = new int[names.size()];
        for (int c = 0; c < names.size(); c++) {
            widths[c] = names.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(line(names, widths, null));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(rule);
        boolean[] numeric = numeric(answer);
        rows.forEach(row -> out.println(line(row, widths, numeric)));
        out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s")
                + (answer.path("truncated").asBoolean() ? ", truncated: more rows match; raise --limit" : "") + ", "
                + answer.path("elapsed_ms").asLong() + " ms)");
    }

    static void csv(JsonNode answer, PrintWriter out) {
        out.println(String.join(
                ",", names(answer).stream().map(ResultText::csvField).toList()));
        for (List<String> row : cells(answer)) {
            out.println(String.join(",", row.stream().map(ResultText::csvField).toList()));
        }
    }

    private static List<String> names(JsonNode answer) {
        List<String> names = new ArrayList<>();
        answer.path("columns").forEach(column -> names.add(column.path("name").asString()));
        return names;
    }

    private static boolean[] numeric(JsonNode answer) {
        JsonNode columns = answer.path("columns");
        boolean[] numeric = new boolean[columns.size()];
        for (int c = 0; c < numeric.length; c++) {
            String type = columns.get(c).path("type").asString();
            numeric[c] = type.matches("(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U.*INT|FLOAT|DOUBLE|DECIMAL.*)");
        }
        return numeric;
    }

    private static List<List<String>> cells(JsonNode answer) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : answer.path("rows")) {
            List<String> cells = new ArrayList<>();
            row.forEach(
                    value -> cells.add(value.isNull() ? "" : value.isString() ? value.asString() : value.toString()));
            rows.add(cells);
        }
        return rows;
    }

    private static String line(List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c).replace('\n', ' ');
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : " | ")
                    .append(numeric != null && numeric[c] ? pad + cell : cell + (c == cells.size() - 1 ? "" : pad));
        }
        return line.toString();
    }

    private static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
