package dev.flows.server.http;

import java.util.Map;

/**
 * What a failed request is answered with: the status, headers such as {@code Retry-After} or {@code
 * WWW-Authenticate}, and the RFC 9457 problem document.
 */
record ProblemAnswer(int status, Map<String, String> headers, ProblemDetails body) {}
