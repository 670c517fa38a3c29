package dev.flows.server.auth;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs before every matched route: finds the route's {@link Access}, and when tokens are configured checks
 * the request's {@code Authorization: Bearer} token against it. A route that declares no access is refused,
 * so forgetting to declare one fails closed. Thread-safe.
 */
public final class AccessCheck implements Handler {

    /** The request attribute holding the authenticated {@link ApiToken}, when there is one. */
    public static final String TOKEN_ATTRIBUTE = "flows.token";

    private final ApiTokens tokens;

    public AccessCheck(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(Context ctx) {
        Access access = declared(ctx)
                .orElseThrow(
                        () -> new AccessDeniedException(
                                500,
                                "route-without-access",
                                "Route without access rule",
                                ctx.method() + " " + ctx.endpoint().path
                                        + " declares no access rule, so it is refused; this is a bug in Flows, please report it"));
        if (access.isPublic() || !tokens.required()) {
            return;
        }
        ApiToken token = authenticate(ctx);
        String name = access.pathParam() == null ? null : ctx.pathParam(access.pathParam());
        boolean allowed = access.verb() == null
                || (name == null ? token.allowsAny(access.verb()) : token.allows(access.verb(), name));
        if (!allowed) {
            String what = name == null ? "any channel" : "'" + name + "'";
            throw new AccessDeniedException(
                    403,
                    "forbidden",
                    "Forbidden",
                    "token '" + token.name() + "' may not " + access.verb().text() + " " + what + " ("
                            + ctx.method() + " " + ctx.path() + "); its scopes are " + token.scopes()
                            + ". Add " + access.verb().text() + ":" + (name == null ? "*" : name)
                            + " to its scopes in the tokens file, or use another token");
        }
        ctx.attribute(TOKEN_ATTRIBUTE, token);
    }

    /**
     * Checks, inside a route, that the request's token may do {@code verb} on every one of {@code names}: for a
     * route whose names are in its body rather than its path, such as the channels a SQL query reads. Does nothing
     * when the server has no tokens.
     *
     * @throws AccessDeniedException 403 naming the first name the token may not use and the scope to add
     */
    public static void requireOnEach(Context ctx, Verb verb, Iterable<String> names) {
        ApiToken token = ctx.attribute(TOKEN_ATTRIBUTE);
        if (token == null) {
            return;
        }
        for (String name : names) {
            if (!token.allows(verb, name)) {
                throw new AccessDeniedException(
                        403,
                        "forbidden",
                        "Forbidden",
                        "token '" + token.name() + "' may not " + verb.text() + " '" + name + "' (" + ctx.method()
                                + " " + ctx.path() + " reads it); its scopes are " + token.scopes() + ". Add "
                                + verb.text() + ":" + name + " to its scopes in the tokens file, or leave '" + name
                                + "' out");
            }
        }
    }

    private ApiToken authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"flows\"");
            throw new AccessDeniedException(
                    401,
                    "unauthenticated",
                    "Unauthorized",
                    ctx.method() + " " + ctx.path() + " needs a token: send Authorization: Bearer <token>"
                            + " (the CLI takes --token or FLOWS_TOKEN)");
        }
        String trimmed = header.strip();
        boolean bearer = trimmed.length() > 7
                && trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ");
        Optional<ApiToken> token =
                bearer ? tokens.authenticate(trimmed.substring(7).strip()) : Optional.empty();
        if (token.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"flows\", error=\"invalid_token\"");
            throw new AccessDeniedException(
                    401,
                    "invalid-token",
                    "Unauthorized",
                    bearer
                            ? "the bearer token of " + ctx.method() + " " + ctx.path()
                                    + " is not one this server accepts; check the token, or ask for one in its tokens file"
                            : "the Authorization header of " + ctx.method() + " " + ctx.path()
                                    + " is not a bearer token; send Authorization: Bearer <token>");
        }
        return token.get();
    }

    private static Optional<Access> declared(Context ctx) {
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof Access access) {
                return Optional.of(access);
            }
        }
        return Optional.empty();
    }
}
