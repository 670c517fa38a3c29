package dev.flows.connectors.jdbc;

import dev.flows.api.sink.Upsert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key of an event in the bookkeeping table: SHA-256 of its source and id (which together identify a
 * CloudEvent), in hex. A fixed 64 characters whatever their length, so that it always fits an index (MariaDB's
 * are limited to 3,072 bytes). Stateless.
 */
final class EventKey {

    private EventKey() {}

    static String of(Upsert upsert) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(upsert.eventSource().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0); // no source and id can run into each other
            sha.update(upsert.eventId().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
