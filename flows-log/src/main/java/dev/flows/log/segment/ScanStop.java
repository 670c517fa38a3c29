package dev.flows.log.segment;

/**
 * Where and why a scan of a segment stopped before the end of its file.
 *
 * @param position byte position in the file of the first byte that is not part of a whole, valid batch
 * @param reason   what is wrong there, for a message that names the file separately
 */
public record ScanStop(long position, String reason) {}
