package dev.flows.connectors.webhook;

import java.util.Optional;

/**
 * What a receiver answered to one attempt. Immutable.
 *
 * @param status     the HTTP status code
 * @param excerpt    the start of the body on one line, empty for a 2xx (whose body is read and dropped)
 * @param location   the {@code Location} header, which explains a redirect
 * @param retryAfter the {@code Retry-After} header as written
 */
record Answer(int status, String excerpt, Optional<String> location, Optional<String> retryAfter) {

    boolean delivered() {
        return status / 100 == 2;
    }
}
