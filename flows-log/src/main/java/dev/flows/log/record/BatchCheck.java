package dev.flows.log.record;

/**
 * What a reader found where a whole batch should be. Exhaustive: a batch is valid, damaged, or intact but
 * written by a newer format this code cannot read.
 */
public sealed interface BatchCheck {

    /** The batch is whole, its CRC matches (when checked) and its offsets follow the ones before. */
    record Valid() implements BatchCheck {}

    /**
     * The bytes are not a batch this format wrote: a CRC mismatch, offsets out of order, or field lengths
     * that do not add up.
     *
     * @param reason what does not match, for an error message; names values, not the file
     */
    record Corrupt(String reason) implements BatchCheck {}

    /**
     * The batch is intact (its CRC matches) but uses a format version or attribute bit this code does not
     * know, so a newer Flows wrote it.
     *
     * @param reason which version or bits
     */
    record Unsupported(String reason) implements BatchCheck {}

    /** The shared instance of {@link Valid}. */
    BatchCheck VALID = new Valid();
}
