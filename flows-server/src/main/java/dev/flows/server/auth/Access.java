package dev.flows.server.auth;

import io.javalin.security.RouteRole;

/**
 * What a route requires of the caller, declared on the route itself when it is registered
 * ({@code routes.get(path, handler, Access.on(Verb.CONSUME))}) so that no route can exist without saying it.
 * {@link AccessCheck} enforces it before the handler runs.
 *
 * @param token     whether a valid token is needed at all
 * @param verb      what the token must be allowed; null when any valid token will do
 * @param pathParam the path parameter naming the channel or table the verb applies to; null when the route
 *                  names none, and then a token allowed the verb on any name will do
 */
public record Access(boolean token, Verb verb, String pathParam) implements RouteRole {

    /** Open to everyone, even when tokens are configured: health checks and the browser script. */
    public static final Access PUBLIC = new Access(false, null, null);

    /** Any valid token: listings of what exists. */
    public static final Access ANY_TOKEN = new Access(true, null, null);

    /** The verb on the channel or table named by the {@code {name}} path parameter. */
    public static Access on(Verb verb) {
        return new Access(true, verb, "name");
    }

    /** The verb on some channel or table: listings, which show what exists. */
    public static Access anyName(Verb verb) {
        return new Access(true, verb, null);
    }

    /** Whether the route needs no token. */
    public boolean isPublic() {
        return !token;
    }

    @Override
    public String toString() {
        if (isPublic()) {
            return "public";
        }
        if (verb == null) {
            return "any token";
        }
        return verb.text() + (pathParam == null ? " on any channel" : " on {" + pathParam + "}");
    }
}
