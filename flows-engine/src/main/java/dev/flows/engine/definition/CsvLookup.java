package dev.flows.engine.definition;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV lookup file (RFC 4180, with LF or CRLF line ends): a header naming the columns, then one line
 * per key, the key in the first column. Every error is located at its line and column. Not thread-safe; one
 * instance reads one file.
 */
final class CsvLookup {

    private static final String FORM =
            "a CSV lookup file has a header line naming its columns, then one line per key, e.g. country,region";

    private final String name;
    private final String text;
    private int index;
    private int line = 1;
    private int lineStart;

    private CsvLookup(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** One line of the file (more when a quoted field holds line breaks), by the line it starts on. */
    private record Row(int line, List<String> fields) {}

    static Map<String, Object> read(byte[] bytes, String name) {
        return new CsvLookup(name, utf8(bytes, name)).entries();
    }

    private static String utf8(byte[] bytes, String name) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            // Spreadsheets often save CSV with a byte order mark; it is not part of the first column's name.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw LookupFile.problem(name, 0, 0, "is not UTF-8 text; save it as UTF-8");
        }
    }

    private Map<String, Object> entries() {
        List<Row> rows = rows();
        if (rows.isEmpty()) {
            throw LookupFile.problem(name, 0, 0, "is empty; " + FORM);
        }
        List<String> header = header(rows.getFirst());
        Map<String, Object> entries = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (Row row : rows.subList(1, rows.size())) {
            if (row.fields().size() != header.size()) {
                throw LookupFile.problem(
                        name,
                        row.line(),
                        1,
                        "has " + fields(row.fields().size()) + " on this line"
                                + " and " + fields(header.size())
                                + " in its header; give every line one value per column,"
                                + " and quote values that contain commas, e.g. \"Berlin, DE\"");
            }
            String key = row.fields().getFirst();
            Integer first = lines.putIfAbsent(key, row.line());
            if (first != null) {
                throw LookupFile.problem(
                        name,
                        row.line(),
                        1,
                        "has the key '" + key + "' again, first at line " + first
                                + "; keep one line per key, since a lookup gives one value per key");
            }
            Map<String, Object> value = new LinkedHashMap<>();
            for (int column = 1; column < header.size(); column++) {
                value.put(header.get(column), row.fields().get(column));
            }
            entries.put(key, Collections.unmodifiableMap(value));
        }
        return Collections.unmodifiableMap(entries);
    }

    private static String fields(int count) {
        return count == 1 ? "1 field" : count + " fields";
    }

    private List<String> header(Row row) {
        List<String> names = new ArrayList<>();
        for (String field : row.fields()) {
            String column = field.strip();
            if (column.isEmpty()) {
                throw LookupFile.problem(
                        name,
                        row.line(),
                        1,
                        "has a header column without a name (column " + (names.size() + 1) + "); " + FORM);
            }
            if (names.contains(column)) {
                throw LookupFile.problem(
                        name,
                        row.line(),
                        1,
                        "names the column '" + column + "' twice in its" + " header; give every column its own name");
            }
            names.add(column);
        }
        return names;
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        while (index < text.length()) {
            int start = line;
            List<String> fields = new ArrayList<>();
            boolean quoted = false;
            while (true) {
                quoted |= index < text.length() && text.charAt(index) == '"';
                fields.add(field());
                if (index < text.length() && text.charAt(index) == ',') {
                    index++;
                    continue;
                }
                endOfLine();
                break;
            }
            boolean blank = fields.size() == 1 && fields.getFirst().isEmpty() && !quoted;
            if (!blank) {
                rows.add(new Row(start, fields));
            }
        }
        return rows;
    }

    private String field() {
        if (index < text.length() && text.charAt(index) == '"') {
            return quotedField();
        }
        int start = index;
        while (index < text.length() && ",\r\n".indexOf(text.charAt(index)) < 0) {
            index++;
        }
        return text.substring(start, index);
    }

    private String quotedField() {
        int startLine = line;
        int startColumn = column();
        index++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (index >= text.length()) {
                throw LookupFile.problem(
                        name,
                        startLine,
                        startColumn,
                        "has a quoted field that is never closed;"
                                + " end it with \", and write a quote inside it as \"\"");
            }
            char c = text.charAt(index++);
            if (c == '"' && index < text.length() && text.charAt(index) == '"') {
                value.append('"');
                index++;
            } else if (c == '"') {
                break;
            } else {
                value.append(c);
                if (c == '\n') {
                    newLine();
                }
            }
        }
        if (index < text.length() && ",\r\n".indexOf(text.charAt(index)) < 0) {
            throw LookupFile.problem(
                    name,
                    line,
                    column(),
                    "has '" + text.charAt(index) + "' after a closing quote;"
                            + " put a comma after the closing quote, and write a quote inside a quoted field as \"\"");
        }
        return value.toString();
    }

    private void endOfLine() {
        if (index < text.length() && text.charAt(index) == '\r') {
            index++;
        }
        if (index < text.length() && text.charAt(index) == '\n') {
            index++;
        }
        newLine();
    }

    private void newLine() {
        line++;
        lineStart = index;
    }

    private int column() {
        return index - lineStart + 1;
    }
}
