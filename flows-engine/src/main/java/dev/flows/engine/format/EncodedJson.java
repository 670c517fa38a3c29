package dev.flows.engine.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON value held as the bytes this package writes for it: decoded and checked once, then written once,
 * never built into maps and lists. It is what an event's {@code data} is on the ingest path
 * ({@link JsonEventFormat#decodeForStorage}), where data is only checked and stored; {@link JsonValues}
 * writes it as it is, so the stored event is byte for byte the one decoding into plain values and encoding
 * would have given. Immutable.
 */
public final class EncodedJson {

    private final byte[] bytes;

    EncodedJson(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The value as plain Java values (maps, lists, strings, Long, Double, Boolean, null), decoded anew. */
    public Object value() {
        return JsonValues.decode(bytes);
    }

    /** The JSON text's bytes, UTF-8; the array is shared, so callers must not change it. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedJson encoded && Arrays.equals(bytes, encoded.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The JSON text. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
