package dev.flows.connectors.webhook;

/**
 * The tag each webhook request carries so that {@link GuardedResolver} knows its destination's choice. Jetty
 * keys connection pools by scheme, host, port and tag, so requests of a destination that allows private
 * addresses never share a connection with those of one that does not.
 *
 * @param allowPrivate whether the destination allows loopback, private and link-local addresses
 */
record Outbound(boolean allowPrivate) {}
