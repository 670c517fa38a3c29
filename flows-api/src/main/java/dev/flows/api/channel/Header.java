package dev.flows.api.channel;

import java.util.Objects;

/**
 * One record header: a name and bytes, as Kafka record headers. Names may repeat within a record.
 *
 * @param key   the header name, not null
 * @param value the header bytes, may be null
 */
public record Header(String key, byte[] value) {
    public Header {
        Objects.requireNonNull(key, "key");
    }
}
