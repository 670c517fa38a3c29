package dev.flows.log.record;

/**
 * What a reader found at a place where a whole record should be. Exhaustive: a record is valid, damaged,
 * or intact but written by a newer format this code cannot read.
 */
public sealed interface RecordCheck {

    /** The record is whole, its CRC matches (when checked) and it holds the expected offset. */
    record Valid() implements RecordCheck {}

    /**
     * The bytes are not a record this format wrote: a CRC mismatch, an unexpected offset, or field lengths
     * that do not add up.
     *
     * @param reason what does not match, for an error message; names values, not the file
     */
    record Corrupt(String reason) implements RecordCheck {}

    /**
     * The record is intact (its CRC matches) but uses a format version or attribute bit this code does not
     * know, so a newer Flows wrote it.
     *
     * @param reason which version or bits
     */
    record Unsupported(String reason) implements RecordCheck {}

    /** The shared instance of {@link Valid}. */
    RecordCheck VALID = new Valid();
}
