package dev.flows.engine.expression;

import java.nio.charset.StandardCharsets;

/**
 * String constants of an expression (the right side of {@code type == "shop.order.placed"}, the list of {@code
 * x in ["a", "b"]}) with their UTF-8 bytes, so that nodes reading an event compare them with its bytes.
 * Immutable.
 */
final class StringConstants {

    private final String[] texts;
    private final byte[][] utf8;

    StringConstants(String... texts) {
        this.texts = texts.clone();
        this.utf8 = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            byte[] bytes = texts[i].getBytes(StandardCharsets.UTF_8);
            // A lone surrogate has no UTF-8 form (it encodes as '?'): such a constant is compared decoded.
            utf8[i] = new String(bytes, StandardCharsets.UTF_8).equals(texts[i]) ? bytes : null;
        }
    }

    int size() {
        return texts.length;
    }

    String text(int index) {
        return texts[index];
    }

    /** The UTF-8 bytes of constant {@code index}, or null when only the decoded text can match it. */
    byte[] utf8(int index) {
        return utf8[index];
    }

    /** Which constant equals {@code value} under CEL's {@code ==} (for a String, equals), or -1. */
    int indexOf(Object value) {
        if (value instanceof String text) {
            for (int i = 0; i < texts.length; i++) {
                if (texts[i].equals(text)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
