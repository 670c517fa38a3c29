package dev.flows.connectors.webhook;

/**
 * The standard reason phrase of an HTTP status (RFC 9110), because {@link java.net.http.HttpResponse} does
 * not expose the one the receiver sent. Covers the statuses a webhook receiver plausibly answers.
 */
final class StatusPhrase {

    private StatusPhrase() {}

    /** The status with its phrase, {@code 400 Bad Request}, or the bare number when it has no common one. */
    static String of(int status) {
        String phrase = phrase(status);
        return phrase.isEmpty() ? Integer.toString(status) : status + " " + phrase;
    }

    private static String phrase(int status) {
        return switch (status) {
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 425 -> "Too Early";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 507 -> "Insufficient Storage";
            case 511 -> "Network Authentication Required";
            default -> "";
        };
    }
}
