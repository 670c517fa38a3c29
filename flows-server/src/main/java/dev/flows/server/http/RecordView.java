package dev.flows.server.http;

import dev.flows.api.channel.ChannelRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.util.RawValue;

/**
 * How the read side shows one stored event: its position, when it was appended, and the CloudEvent itself,
 * embedded as stored (the stored bytes are already structured-mode JSON, so they are not decoded again).
 */
record RecordView(int partition, long offset, String appendedAt, RawValue event) {

    static RecordView of(ChannelRecord record) {
        return new RecordView(
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestampMs()).toString(),
                new RawValue(new String(record.value(), StandardCharsets.UTF_8)));
    }
}
