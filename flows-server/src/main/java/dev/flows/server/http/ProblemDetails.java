package dev.flows.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, the body of every 4xx and 5xx answer
 * ({@code Content-Type: application/problem+json}).
 *
 * @param type     a URN naming the kind of problem, {@code urn:flows:problem:<kind>}
 * @param title    a short summary of the kind
 * @param status   the HTTP status
 * @param detail   what happened, where, and what to do
 * @param instance the request path
 * @param pointer  a JSON Pointer into the request body, when the problem is in the body
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetails(String type, String title, int status, String detail, String instance, String pointer) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
