package dev.flows.log.segment;

import dev.flows.log.producer.ProducerEntry;
import java.util.List;
import java.util.Optional;

/**
 * What a scan of one segment file found.
 *
 * @param extent    how far the valid batches reach
 * @param index     their sparse index, with an entry at each place where valid data resumes after damage
 * @param fileBytes the file's size when scanned
 * @param damages   stretches without a valid batch that lie before the torn zone, in file order
 * @param tornTail  where the scan stopped in the torn zone; empty if it reached the end of the file
 * @param producers one entry per valid batch written by a producer, in offset order
 */
public record SegmentScan(
        Extent extent,
        SparseIndex index,
        long fileBytes,
        List<Damage> damages,
        Optional<ScanStop> tornTail,
        List<ProducerEntry> producers) {

    /** Bytes after the valid batches: what recovery truncates from a torn last segment. */
    public long invalidBytes() {
        return fileBytes - extent.bytes();
    }
}
