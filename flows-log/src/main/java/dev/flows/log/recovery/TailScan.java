package dev.flows.log.recovery;

import dev.flows.log.producer.ProducerEntry;
import java.util.List;

/**
 * What recovery's scan of the last segment saw, for rebuilding producer state from it.
 *
 * @param checkpoint  the loaded checkpoint, whichever segment it speaks of; null if missing or unusable
 * @param scannedFrom the offset the scan started at (what the segment's index vouched for)
 * @param validEnd    the end of the valid batches it found, after any torn tail was cut
 * @param producers   the producer batches among them, in offset order
 */
record TailScan(RecoveryCheckpoint checkpoint, long scannedFrom, long validEnd, List<ProducerEntry> producers) {}
