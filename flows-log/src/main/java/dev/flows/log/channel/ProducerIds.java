package dev.flows.log.channel;

import dev.flows.log.record.BatchFormat;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The rule for the producer ids of idempotent appends: not empty, and short enough for a batch header. */
final class ProducerIds {

    private ProducerIds() {}

    /**
     * Checks {@code producerId} for an append to channel {@code channel}.
     *
     * @return its UTF-8 bytes
     * @throws NullPointerException     if it is null
     * @throws IllegalArgumentException if it is empty or too long
     */
    static byte[] check(String producerId, String channel) {
        Objects.requireNonNull(producerId, "producerId");
        byte[] bytes = producerId.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > BatchFormat.MAX_PRODUCER_ID_BYTES) {
            throw new IllegalArgumentException("the producer id '" + producerId + "' of an append to channel '"
                    + channel + "' takes " + bytes.length + " bytes in UTF-8; give an id of 1 to "
                    + BatchFormat.MAX_PRODUCER_ID_BYTES + " bytes, such as flow:<name>:<partition>");
        }
        return bytes;
    }
}
