package dev.flows.log.segment;

import java.util.Optional;

/**
 * What a scan of one segment file found.
 *
 * @param index     the records found whole and valid, from the start of the file
 * @param fileBytes the file's size when scanned
 * @param stop      why the scan stopped before the end of the file; empty if every byte is a valid record
 */
public record SegmentScan(OffsetIndex index, long fileBytes, Optional<ScanStop> stop) {

    /** Bytes after the last valid record: what recovery truncates from a torn last segment. */
    public long invalidBytes() {
        return fileBytes - index.bytes();
    }
}
