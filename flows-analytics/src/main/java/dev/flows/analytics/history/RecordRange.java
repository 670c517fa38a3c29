package dev.flows.analytics.history;

/**
 * Records {@code [start, end)} of one partition of a channel, written to one Parquet file.
 *
 * @param firstTimestampMs the append time of the record at {@code start}: a channel deleted and created again
 *                         under the same name has other records at the same offsets, and a cached file whose
 *                         first record was appended at another time is not theirs
 */
record RecordRange(int partition, long start, long end, long firstTimestampMs) {

    /** The file name: {@code <start>-<end>-<firstTimestampMs>.parquet}. */
    String fileName() {
        return start + "-" + end + "-" + firstTimestampMs + ".parquet";
    }

    /** The range a file name describes, or null when the name is not one of ours. */
    static RecordRange parse(int partition, String fileName) {
        if (!fileName.endsWith(".parquet")) {
            return null;
        }
        String[] parts =
                fileName.substring(0, fileName.length() - ".parquet".length()).split("-");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new RecordRange(
                    partition, Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
