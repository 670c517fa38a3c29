package dev.flows.connectors.email;

import dev.flows.api.event.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The {@code Message-ID} of an event's mail: the same for every attempt and every redrive of that event to
 * that destination, so that a receiver (or its mail store) can drop the copy a retry sent after a lost
 * answer. It reads {@code <id.hash@domain>}: the event id where it is plain enough to be read, then 16 hex
 * digits of SHA-256 over destination, source and id (ids are unique per source only, and two destinations
 * send different mails), at the domain of the sender. Stateless.
 */
final class MessageIds {

    /** The header that carries the event id, for people and filters reading the mail. */
    static final String EVENT_ID_HEADER = "X-Flows-Event-Id";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");
    private static final String NO_DOMAIN = "flows.invalid";

    private MessageIds() {}

    /**
     * @param destination the destination's delivery name
     * @param fromAddress the sender's address, such as {@code shop@example.com}
     */
    static String of(String destination, Event event, String fromAddress) {
        String hash = hash(destination + '\n' + event.source() + '\n' + event.id());
        String left = PLAIN.matcher(event.id()).matches() ? event.id() + "." + hash : hash;
        String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
        return "<" + left + "@" + (DOMAIN.matcher(domain).matches() ? domain : NO_DOMAIN) + ">";
    }

    /**
     * The event id as a header value: printable ASCII as it is, anything else (and {@code %}) as UTF-8
     * percent escapes, so that no event id can break the header or need encoding.
     */
    static String eventIdHeader(String id) {
        StringBuilder out = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
