package dev.flows.bench.w1;

/**
 * What W1's read-back found.
 *
 * @param events  records read
 * @param bytes   the sum of their values' lengths
 * @param seconds wall-clock time of the read, commits included
 */
record ReadOutcome(long events, long bytes, double seconds) {}
