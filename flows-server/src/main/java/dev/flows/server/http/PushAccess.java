package dev.flows.server.http;

import dev.flows.server.auth.ApiToken;
import dev.flows.server.auth.ApiTokens;
import dev.flows.server.auth.PushSecret;
import dev.flows.server.auth.Verb;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides as which user a request may subscribe to a push channel. Without tokens (a server on loopback, for
 * development) {@code ?user=} is taken as given. With tokens, either a bearer token allowed to consume the
 * channel (an application's backend, which may subscribe as anyone), or a subscription signature the backend
 * made with the {@link PushSecret} for this channel, user and expiry (a browser). The push routes are public,
 * so this check is theirs, and every refusal is a 403 that says what to send instead. Thread-safe.
 */
final class PushAccess {

    private static final String SIGNED = "?user=U&expires=E&signature=S";

    private final ApiTokens tokens;
    private final PushSecret secret;
    private final Clock clock;

    /** @param secret the push secret; null when the server has none, and then only tokens admit */
    PushAccess(ApiTokens tokens, PushSecret secret, Clock clock) {
        this.tokens = tokens;
        this.secret = secret;
        this.clock = clock;
    }

    /** Whether the server runs without tokens, where anyone on this machine may subscribe as anyone. */
    boolean open() {
        return !tokens.required();
    }

    /**
     * The user the request subscribes as: its {@code user} query parameter; null (broadcasts only) without one.
     *
     * @throws ApiException 403 when neither a token nor a signature admits it
     */
    String admit(Context ctx, String channel) {
        String user = Optional.ofNullable(ctx.queryParam("user"))
                .filter(value -> !value.isEmpty())
                .orElse(null);
        if (open()) {
            return user;
        }
        String request = ctx.method() + " " + ctx.path();
        String authorization = ctx.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            token(authorization, channel, request);
        } else {
            signed(ctx, channel, user == null ? "" : user, request);
        }
        return user;
    }

    private void token(String authorization, String channel, String request) {
        String trimmed = authorization.strip();
        boolean bearer = trimmed.length() > 7
                && trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ");
        Optional<ApiToken> token =
                bearer ? tokens.authenticate(trimmed.substring(7).strip()) : Optional.empty();
        if (token.isEmpty()) {
            throw ApiException.forbidden(
                    "invalid-token",
                    "the Authorization header of " + request + " is not a bearer token this server accepts; send a"
                            + " valid token, or subscribe with a signature (" + SIGNED + ")");
        }
        if (!token.get().allows(Verb.CONSUME, channel)) {
            throw ApiException.forbidden(
                    "forbidden",
                    "token '" + token.get().name() + "' may not consume '" + channel + "' (" + request
                            + "); add consume:" + channel + " to its scopes in the tokens file, or use another token");
        }
    }

    private void signed(Context ctx, String channel, String user, String request) {
        String signature = ctx.queryParam("signature");
        if (signature == null || signature.isBlank()) {
            throw ApiException.forbidden(
                    "push-unauthenticated",
                    request + " needs a subscription signature (" + SIGNED + ", made by your backend with the push"
                            + " secret) or a bearer token allowed consume:" + channel);
        }
        if (secret == null) {
            throw ApiException.forbidden(
                    "push-no-secret",
                    "this server has no push secret, so it cannot check the signature of " + request
                            + "; start it with --push-secret (env FLOWS_PUSH_SECRET), or subscribe with a token");
        }
        long expires = expires(ctx.queryParam("expires"), request);
        long now = clock.instant().getEpochSecond();
        if (expires <= now) {
            throw ApiException.forbidden(
                    "push-signature-expired",
                    "the subscription signature of " + request + " expired at " + Instant.ofEpochSecond(expires)
                            + " (expires=" + expires + "); ask your backend for a new one");
        }
        if (!secret.verifies(channel, user, expires, signature.strip())) {
            throw ApiException.forbidden(
                    "push-signature-invalid",
                    "the signature of " + request + " does not match channel '" + channel + "', user '" + user
                            + "' and expires=" + expires + "; sign \"" + channel + ":" + user + ":" + expires
                            + "\" with HMAC-SHA256 and the push secret, and send it as base64url");
        }
    }

    private static long expires(String text, String request) {
        if (text != null && text.matches("\\d{1,12}")) {
            return Long.parseLong(text);
        }
        throw ApiException.forbidden(
                "push-signature-invalid",
                "query parameter 'expires' of " + request + " is " + (text == null ? "missing" : "'" + text + "'")
                        + "; a signed subscription carries expires=<epoch seconds>, the time its signature ends");
    }
}
