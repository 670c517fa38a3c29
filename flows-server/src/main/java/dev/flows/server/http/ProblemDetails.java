package dev.flows.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

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
 * @param errors   every invalid value, when there are several (a schema violation); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetails(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String pointer,
        List<InvalidValue> errors) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem document without a list of errors. */
    public ProblemDetails(String type, String title, int status, String detail, String instance, String pointer) {
        this(type, title, status, detail, instance, pointer, null);
    }
}
