package dev.flows.analytics.history;

import java.util.List;

/**
 * The columns a channel's history has in SQL, in one place: how a stored CloudEvent becomes typed columns when
 * a range of records is written to Parquet, and the empty relation of a channel without records.
 *
 * <pre>
 * partition INTEGER, offset BIGINT, appended_at TIMESTAMPTZ,            where the record is and when it was stored
 * id, source, type, subject VARCHAR, time TIMESTAMPTZ,                   the CloudEvent's attributes
 * datacontenttype VARCHAR, data JSON,                                    its data (a JSON string for text data)
 * extensions MAP(VARCHAR, VARCHAR),                                      every other attribute, as text
 * event VARCHAR                                                           the stored CloudEvent JSON, as it is
 * </pre>
 */
public final class HistoryColumns {

    /** The attributes that have columns of their own; every other top-level member is an extension. */
    private static final List<String> ATTRIBUTES = List.of(
            "specversion",
            "id",
            "source",
            "type",
            "subject",
            "time",
            "datacontenttype",
            "dataschema",
            "data",
            "data_base64");

    /** The column names, in order. */
    public static final List<String> NAMES = List.of(
            "partition",
            "offset",
            "appended_at",
            "id",
            "source",
            "type",
            "subject",
            "time",
            "datacontenttype",
            "data",
            "extensions",
            "event");

    private HistoryColumns() {}

    /**
     * The SELECT that types the records of {@code rawTable} (columns {@code partition INTEGER, "offset" BIGINT,
     * appended BIGINT} in epoch milliseconds, {@code event VARCHAR}). Each event is parsed once for its
     * attributes; a {@code time} that is not a timestamp gives NULL rather than failing the export.
     */
    public static String selectFrom(String rawTable) {
        String others =
                String.join(", ", ATTRIBUTES.stream().map(DuckDb::literal).toList());
        return "SELECT partition, \"offset\", make_timestamptz(appended * 1000) AS appended_at,"
                + " a[1] AS id, a[2] AS source, a[3] AS type, a[4] AS subject, TRY_CAST(a[5] AS TIMESTAMPTZ) AS time,"
                + " a[6] AS datacontenttype, json_extract(event, '$.data') AS data,"
                + " map_from_entries(list_transform(list_filter(json_keys(event), lambda k: k NOT IN (" + others
                + ")), lambda k: {'key': k, 'value': json_extract_string(event, '$.\"' || k || '\"')})) AS extensions,"
                + " event"
                + " FROM (SELECT *, json_extract_string(event, ['$.id', '$.source', '$.type', '$.subject', '$.time',"
                + " '$.datacontenttype']) AS a FROM " + rawTable + ")";
    }

    /** A relation with the history's columns and no rows: a channel that holds no records yet. */
    public static String empty() {
        return "SELECT NULL::INTEGER AS partition, NULL::BIGINT AS \"offset\", NULL::TIMESTAMPTZ AS appended_at,"
                + " NULL::VARCHAR AS id, NULL::VARCHAR AS source, NULL::VARCHAR AS type, NULL::VARCHAR AS subject,"
                + " NULL::TIMESTAMPTZ AS time, NULL::VARCHAR AS datacontenttype, NULL::JSON AS data,"
                + " NULL::MAP(VARCHAR, VARCHAR) AS extensions, NULL::VARCHAR AS event LIMIT 0";
    }
}
