package dev.flows.server.auth;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The tokens a server accepts. Empty means authentication is off, which the server allows only on a
 * loopback address. Thread-safe (immutable).
 */
public final class ApiTokens {

    /** No tokens: every request is allowed, and the server binds to loopback only. */
    public static final ApiTokens NONE = new ApiTokens(List.of());

    private final List<ApiToken> tokens;

    public ApiTokens(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /** Whether requests must carry a token. */
    public boolean required() {
        return !tokens.isEmpty();
    }

    /** The token names, for the start-up log. */
    public List<String> names() {
        return tokens.stream().map(ApiToken::name).toList();
    }

    /**
     * The token whose secret this is. Every token is compared, each in constant time, so the time taken
     * says nothing about which one nearly matched.
     */
    public Optional<ApiToken> authenticate(String secret) {
        byte[] digest = TokenFile.digest(secret);
        ApiToken found = null;
        for (ApiToken token : tokens) {
            if (MessageDigest.isEqual(token.sha256(), digest)) {
                found = token;
            }
        }
        return Optional.ofNullable(found);
    }
}
