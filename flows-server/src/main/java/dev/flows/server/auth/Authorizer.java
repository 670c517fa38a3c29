package dev.flows.server.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a request may do what its route's {@link Access} says, from the request's {@code
 * Authorization} header, free of the HTTP framework that carried it: both {@link AccessCheck} (every Javalin
 * route) and the ingest fast path (a Jetty handler ahead of Javalin) ask it, so a request is judged the same
 * whichever way it came. Thread-safe.
 */
public final class Authorizer {

    private final ApiTokens tokens;

    public Authorizer(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * The caller's token when the route needs one and it is allowed; empty when no token is needed (a public
     * route, or a server without tokens).
     *
     * @param access        what the route requires
     * @param request       the method and path, such as {@code POST /channels/shop/events}, for messages
     * @param name          the channel or table the route names (the value of {@code access.pathParam()}); null
     *                      when it names none
     * @param authorization the {@code Authorization} header; null when absent
     * @throws AccessDeniedException 401 without a valid bearer token, 403 when the token lacks the scope
     */
    public Optional<ApiToken> authorize(Access access, String request, String name, String authorization) {
        if (access.isPublic() || !tokens.required()) {
            return Optional.empty();
        }
        ApiToken token = authenticate(request, authorization);
        boolean allowed = access.verb() == null
                || (name == null ? token.allowsAny(access.verb()) : token.allows(access.verb(), name));
        if (!allowed) {
            String what = name == null ? "any channel" : "'" + name + "'";
            throw new AccessDeniedException(
                    403,
                    "forbidden",
                    "Forbidden",
                    "token '" + token.name() + "' may not " + access.verb().text() + " " + what + " (" + request
                            + "); its scopes are " + token.scopes() + ". Add "
                            + access.verb().text() + ":"
                            + (name == null ? "*" : name)
                            + " to its scopes in the tokens file, or use another token");
        }
        return Optional.of(token);
    }

    private ApiToken authenticate(String request, String header) {
        if (header == null || header.isBlank()) {
            throw new AccessDeniedException(
                    401,
                    "unauthenticated",
                    "Unauthorized",
                    request + " needs a token: send Authorization: Bearer <token> (the CLI takes --token or"
                            + " FLOWS_TOKEN)",
                    Map.of("WWW-Authenticate", "Bearer realm=\"flows\""));
        }
        String trimmed = header.strip();
        boolean bearer = trimmed.length() > 7
                && trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ");
        Optional<ApiToken> token =
                bearer ? tokens.authenticate(trimmed.substring(7).strip()) : Optional.empty();
        if (token.isEmpty()) {
            throw new AccessDeniedException(
                    401,
                    "invalid-token",
                    "Unauthorized",
                    bearer
                            ? "the bearer token of " + request
                                    + " is not one this server accepts; check the token, or ask for one in its tokens file"
                            : "the Authorization header of " + request
                                    + " is not a bearer token; send Authorization: Bearer <token>",
                    Map.of("WWW-Authenticate", "Bearer realm=\"flows\", error=\"invalid_token\""));
        }
        return token.get();
    }
}
