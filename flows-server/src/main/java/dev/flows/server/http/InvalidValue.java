package dev.flows.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One invalid value in a request body, an entry of a problem document's {@code errors}.
 *
 * @param pointer a JSON Pointer into the request body, such as {@code /3/data/amount}
 * @param message what is wrong with the value
 * @param keyword the JSON Schema keyword that failed ({@code minimum}, {@code required}), or null when the value
 *     could not be checked against a schema at all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvalidValue(String pointer, String message, String keyword) {}
