package dev.flows.server.http;

import dev.flows.api.error.InvalidEventException;
import dev.flows.api.event.Event;
import dev.flows.engine.format.JsonEventFormat;
import dev.flows.engine.format.JsonValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A CloudEvent in HTTP binary mode (CloudEvents HTTP protocol binding 1.0): the attributes in {@code ce-*}
 * headers (values percent-encoded), the data as the body, its media type as {@code Content-Type}. It is turned
 * into the structured form and decoded by {@link JsonEventFormat}, so both modes are checked by the same rules;
 * a problem names the header it came from. A JSON body ({@code application/json} or {@code +json}) becomes
 * JSON data, a {@code text/*} body a string, anything else bytes. Stateless.
 */
final class BinaryModeEvent {

    /** The prefix of the headers that carry attributes. */
    static final String PREFIX = "ce-";

    private BinaryModeEvent() {}

    /** Whether a request is in binary mode: it carries the {@code ce-specversion} header. */
    static boolean applies(Map<String, String> headers) {
        return headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase(PREFIX + "specversion"));
    }

    /**
     * Decodes the event.
     *
     * @param headers     the request headers (names in any case)
     * @param contentType the request's Content-Type, or null
     * @throws InvalidEventException if an attribute or the body is invalid; the message names the header
     */
    static Event decode(Map<String, String> headers, String contentType, byte[] body, JsonEventFormat format) {
        Map<String, Object> structured = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(PREFIX) && lower.length() > PREFIX.length()) {
                String attribute = lower.substring(PREFIX.length());
                if (attribute.equals("data") || attribute.equals("data_base64")) {
                    // Found by fuzzing: these would have become the event's data when the body was empty.
                    throw new InvalidEventException(
                            "/" + attribute,
                            "header " + name + " is not a CloudEvents attribute; in binary mode the data is the"
                                    + " request body, so send it there and drop the header");
                }
                structured.put(attribute, percentDecoded(name, value));
            }
        });
        if (contentType != null && !contentType.isBlank()) {
            structured.put("datacontenttype", contentType.trim());
        }
        if (body.length > 0) {
            String mediaType = ChannelPost.mediaType(contentType);
            if (mediaType.equals("application/json") || mediaType.endsWith("+json") || mediaType.isEmpty()) {
                try {
                    structured.put("data", JsonValues.decode(body));
                } catch (IllegalArgumentException e) {
                    throw new InvalidEventException(
                            "/data",
                            "the body is not valid JSON, as its Content-Type "
                                    + (mediaType.isEmpty() ? "(none, so JSON)" : mediaType)
                                    + " says: " + e.getMessage()
                                    + "; send JSON, or give the body its own Content-Type (text/plain, application/octet-stream)");
                }
            } else if (mediaType.startsWith("text/")) {
                structured.put("data", new String(body, StandardCharsets.UTF_8));
            } else {
                structured.put("data_base64", Base64.getEncoder().encodeToString(body));
            }
        }
        try {
            return format.decode(JsonValues.encode(structured));
        } catch (InvalidEventException e) {
            String attribute = e.pointer().startsWith("/") ? e.pointer().substring(1) : e.pointer();
            String header =
                    attribute.isEmpty() || attribute.startsWith("data") ? "the body" : "header " + PREFIX + attribute;
            throw new InvalidEventException(e.pointer(), "binary-mode CloudEvent, " + header + ": " + e.getMessage());
        }
    }

    /** A header value with its %XX escapes decoded as UTF-8, as the HTTP binding requires. */
    private static String percentDecoded(String header, String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()
                        || Character.digit(value.charAt(i + 1), 16) < 0
                        || Character.digit(value.charAt(i + 2), 16) < 0) {
                    throw new InvalidEventException(
                            "/" + header.toLowerCase(Locale.ROOT).substring(PREFIX.length()),
                            "header " + header + " has a broken percent escape at character " + (i + 1)
                                    + "; write a % as %25 and other bytes as %XX");
                }
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
