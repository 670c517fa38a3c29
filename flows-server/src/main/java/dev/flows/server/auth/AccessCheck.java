package dev.flows.server.auth;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.Optional;

/**
 * Runs before every matched route: finds the route's {@link Access} and has the {@link Authorizer} check the
 * request's {@code Authorization: Bearer} token against it. A route that declares no access is refused,
 * so forgetting to declare one fails closed. Thread-safe.
 */
public final class AccessCheck implements Handler {

    /** The request attribute holding the authenticated {@link ApiToken}, when there is one. */
    public static final String TOKEN_ATTRIBUTE = "flows.token";

    private final Authorizer authorizer;

    public AccessCheck(Authorizer authorizer) {
        this.authorizer = authorizer;
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
        String name = access.pathParam() == null ? null : ctx.pathParam(access.pathParam());
        authorizer
                .authorize(access, ctx.method() + " " + ctx.path(), name, ctx.header("Authorization"))
                .ifPresent(token -> ctx.attribute(TOKEN_ATTRIBUTE, token));
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

    private static Optional<Access> declared(Context ctx) {
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof Access access) {
                return Optional.of(access);
            }
        }
        return Optional.empty();
    }
}
