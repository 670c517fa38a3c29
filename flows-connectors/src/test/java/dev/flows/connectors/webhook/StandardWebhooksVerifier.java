package dev.flows.connectors.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the spec alone and independent of
 * {@link Signer}: the key is the base64 after {@code whsec_}, the signed content {@code id.timestamp.body},
 * the header a space-separated list of {@code v1,<base64>}, compared in constant time, and the timestamp
 * within a tolerance of now (replays are refused).
 */
final class StandardWebhooksVerifier {

    private final byte[] key;

    StandardWebhooksVerifier(String secret) {
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    boolean verify(String id, String timestamp, String signatures, String body, Instant now, Duration tolerance)
            throws Exception {
        long sentAt = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - sentAt) > tolerance.toSeconds()) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String signature : signatures.split(" ")) {
            String[] parts = signature.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")) {
                byte[] given = Base64.getDecoder().decode(parts[1]);
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }
}
