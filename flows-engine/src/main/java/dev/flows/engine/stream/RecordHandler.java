package dev.flows.engine.stream;

import dev.flows.api.channel.ChannelRecord;
import java.util.List;

/**
 * Receives the records of a subscription, a batch at a time, in offset order per partition. The next batch is
 * read only after this returns, so a slow handler slows its reader instead of filling memory.
 */
@FunctionalInterface
public interface RecordHandler {

    /**
     * Handles one batch of one partition.
     *
     * @return true to go on, false to end the subscription
     * @throws Exception to end the subscription; it is reported to {@link ChannelStream}'s error handler
     */
    boolean onRecords(List<ChannelRecord> records) throws Exception;
}
