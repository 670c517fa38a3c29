package dev.flows.connectors.webhook;

import dev.flows.api.error.FlowDefinitionException;
import dev.flows.api.error.Problem;
import dev.flows.api.flow.Secret;
import dev.flows.api.flow.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests as Standard Webhooks says: {@code v1,} and the base64 HMAC-SHA256, keyed with the
 * secret's bytes (the base64 after {@code whsec_}), of {@code <webhook-id>.<webhook-timestamp>.<body>}.
 * Immutable and thread-safe (a {@link Mac} is made per signature).
 */
final class Signer {

    static final String PREFIX = "whsec_";
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    private Signer(byte[] key) {
        this.key = new SecretKeySpec(key, HMAC);
    }

    /**
     * A signer for a {@code whsec_} secret.
     *
     * @throws FlowDefinitionException at {@code where} if the secret is not one; the message never shows it
     */
    static Signer of(Secret secret, SourceLocation where) {
        String value = secret.value();
        byte[] key = null;
        if (value.startsWith(PREFIX)) {
            try {
                key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                key = null;
            }
        }
        if (key == null || key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new FlowDefinitionException(List.of(new Problem(
                    where,
                    "webhook secret is not a Standard Webhooks secret; use 'whsec_' and the base64 of " + MIN_KEY_BYTES
                            + " to " + MAX_KEY_BYTES + " random bytes")));
        }
        return new Signer(key);
    }

    /** The {@code webhook-signature} header value for one attempt. */
    String sign(String webhookId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
