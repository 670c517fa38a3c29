package dev.flows.analytics.export;

import java.util.Locale;
import java.util.Optional;

/** What an export writes. */
public enum ExportFormat {
    /** Apache Parquet, one row per record with the history's typed columns (without {@code event}). */
    PARQUET("application/vnd.apache.parquet", "parquet"),
    /** JSON lines: each record's stored CloudEvent JSON as it is, one per line. */
    JSONL("application/jsonl", "jsonl");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The media type of the file. */
    public String mediaType() {
        return mediaType;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The format of that name ({@code parquet}, {@code jsonl}; any case), if there is one. */
    public static Optional<ExportFormat> parse(String text) {
        for (ExportFormat format : values()) {
            if (format.extension.equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
