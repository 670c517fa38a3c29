package dev.flows.connectors.webhook;

import java.io.IOException;

/**
 * Every address a webhook's host resolved to is refused by the {@link OutboundPolicy}: the request was not
 * sent and no socket was opened. Retrying cannot help; the message says how to allow the address.
 */
final class OutboundRefusedException extends IOException {

    OutboundRefusedException(String message) {
        super(message);
    }
}
