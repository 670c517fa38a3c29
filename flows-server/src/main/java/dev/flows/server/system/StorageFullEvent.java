package dev.flows.server.system;

import dev.flows.api.system.SystemEvent;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code flows.storage.full} event for an append the disk refused. The log's message names the segment
 * file, {@code .../channels/<channel>/<partition>/<base>.log}, which is where the partition comes from. Stateless.
 */
public final class StorageFullEvent {

    private StorageFullEvent() {}

    /**
     * @param channel the channel the request appended to, or null when not known
     * @param message the exception's message
     */
    public static SystemEvent of(String channel, String message) {
        return SystemEvent.storageFull(channel, partition(channel, message).orElse(null), message);
    }

    /** The partition the message's segment path names under the channel's directory, if it names one. */
    static Optional<Integer> partition(String channel, String message) {
        if (channel == null || message == null) {
            return Optional.empty();
        }
        Matcher matcher = Pattern.compile("[/\\\\]" + Pattern.quote(channel) + "[/\\\\](\\d{1,9})[/\\\\]")
                .matcher(message);
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }
}
