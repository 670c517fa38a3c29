package dev.flows.engine.runtime;

/**
 * What one running flow has done since it started, for the HTTP API and the CLI.
 *
 * @param name         the flow's name
 * @param from         its source channel
 * @param processed    input events read
 * @param emitted      events sent to outputs (one event to two outputs counts twice)
 * @param deadLettered events sent to a dead-letter channel
 * @param lag          input events not yet processed, over all partitions
 * @param lastError    the last error that stopped a batch, or null
 */
public record FlowStatus(
        String name, String from, long processed, long emitted, long deadLettered, long lag, String lastError) {}
