package dev.flows.server.auth;

import java.util.List;
import java.util.Objects;

/**
 * A bearer token the server accepts: its name (for logs and error messages, never the secret), the
 * SHA-256 of its secret, and what it may do.
 *
 * @param name   names the token in messages and logs
 * @param sha256 the SHA-256 digest of the secret, 32 bytes; the secret itself is not kept
 * @param scopes what the token may do, at least one
 */
public record ApiToken(String name, byte[] sha256, List<Scope> scopes) {

    public ApiToken {
        Objects.requireNonNull(name, "name");
        sha256 = sha256.clone();
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
        }
        scopes = List.copyOf(scopes);
    }

    /** Whether the token may do {@code verb} on the channel or table {@code name}. */
    public boolean allows(Verb verb, String name) {
        return scopes.stream().anyMatch(scope -> scope.allows(verb, name));
    }

    /** Whether the token may do {@code verb} on at least some name. */
    public boolean allowsAny(Verb verb) {
        return scopes.stream().anyMatch(scope -> scope.allowsAny(verb));
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public String toString() {
        return "ApiToken[" + name + ", " + scopes + "]";
    }
}
