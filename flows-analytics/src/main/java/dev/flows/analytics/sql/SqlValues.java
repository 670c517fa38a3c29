package dev.flows.analytics.sql;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * DuckDB's values as values JSON can carry: JSON columns parsed (so {@code data} is an object in the answer, not a
 * string holding one), timestamps as ISO-8601 text in UTC, lists, structs and maps as JSON arrays and objects.
 * Stateless.
 */
final class SqlValues {

    private final JsonMapper json;

    SqlValues(JsonMapper json) {
        this.json = json;
    }

    /** The value of column {@code column} (1-based) of the current row, whose DuckDB type is {@code type}. */
    Object read(ResultSet rows, int column, String type) throws SQLException {
        if (type.equals("JSON")) {
            String text = rows.getString(column);
            return text == null ? null : json.readTree(text);
        }
        Object value = rows.getObject(column);
        return plain(value);
    }

    private Object plain(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case Boolean b -> b;
            case Number n -> n;
            case String s -> s;
            case OffsetDateTime t -> t.toInstant().toString();
            case LocalDateTime t -> t.toString();
            case LocalDate d -> d.toString();
            case LocalTime t -> t.toString();
            case OffsetTime t -> t.withOffsetSameInstant(ZoneOffset.UTC).toString();
            case java.sql.Timestamp t -> t.toInstant().toString();
            case UUID u -> u.toString();
            case Array array -> json.valueToTree(list((Object[]) array.getArray()));
            case Struct struct -> json.valueToTree(struct(struct));
            case Map<?, ?> map -> json.valueToTree(map(map));
            case byte[] bytes -> java.util.Base64.getEncoder().encodeToString(bytes);
            default -> value.toString();
        };
    }

    private List<Object> list(Object[] values) throws SQLException {
        List<Object> out = new ArrayList<>(values.length);
        for (Object value : values) {
            out.add(plain(value));
        }
        return out;
    }

    private Map<String, Object> struct(Struct struct) throws SQLException {
        if (struct instanceof org.duckdb.DuckDBStruct duck) {
            return map(duck.getMap());
        }
        return Map.of("values", list(struct.getAttributes()));
    }

    private Map<String, Object> map(Map<?, ?> map) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.put(String.valueOf(entry.getKey()), plain(entry.getValue()));
        }
        return out;
    }
}
