package dev.flows.server.auth;

import dev.flows.api.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key an application's backend shares with Flows to let a browser subscribe to push notifications as one
 * user: the backend signs {@code channel:user:expires} (expires in epoch seconds) with HMAC-SHA256 and hands the
 * page {@code ?user=&expires=&signature=} (the MAC in unpadded base64url). Immutable and thread-safe; the secret
 * never appears in {@link #toString()}.
 */
public final class PushSecret {

    /** The shortest secret accepted, in characters: 32 random characters carry far more than 128 bits. */
    public static final int MIN_CHARS = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private PushSecret(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * The secret as given on the command line or in {@code FLOWS_PUSH_SECRET}.
     *
     * @throws ConfigurationException if it is shorter than {@value #MIN_CHARS} characters
     */
    public static PushSecret of(String secret) {
        if (secret == null || secret.length() < MIN_CHARS) {
            int length = secret == null ? 0 : secret.length();
            throw new ConfigurationException("the push secret has " + length + " characters, fewer than "
                    + MIN_CHARS + "; give --push-secret (env FLOWS_PUSH_SECRET) at least " + MIN_CHARS
                    + " random characters, e.g. the output of: openssl rand -base64 32");
        }
        return new PushSecret(secret);
    }

    /** The signature of a subscription to {@code channel} as {@code user} until {@code expiresEpochSeconds}. */
    public String sign(String channel, String user, long expiresEpochSeconds) {
        byte[] mac = mac(message(channel, user, expiresEpochSeconds));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /**
     * Whether {@code signature} (base64url, padded or not) is this secret's for the subscription, compared in
     * constant time. Says nothing about expiry: the caller compares {@code expiresEpochSeconds} with its clock.
     */
    public boolean verifies(String channel, String user, long expiresEpochSeconds, String signature) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(stripPadding(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(message(channel, user, expiresEpochSeconds)), given);
    }

    private static String message(String channel, String user, long expiresEpochSeconds) {
        // Unambiguous although a user id may hold ':': channel names cannot, and expiry is digits only.
        return channel + ":" + user + ":" + expiresEpochSeconds;
    }

    private static String stripPadding(String signature) {
        int end = signature.length();
        while (end > 0 && signature.charAt(end - 1) == '=') {
            end--;
        }
        return signature.substring(0, end);
    }

    private byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is stateful; one per call keeps this thread-safe
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM, which every Java SE has", e);
        }
    }

    @Override
    public String toString() {
        return "PushSecret[hidden]";
    }
}
