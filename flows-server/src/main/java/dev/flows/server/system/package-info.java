/**
 * System events: {@link dev.flows.server.system.ChannelSystemEvents} publishes what happens to Flows itself
 * (flows started, stopped, failed; dead letters; a full disk; a connector down or up) as CloudEvents on the
 * {@code flows.system} channel, best effort and without blocking the caller.
 */
package dev.flows.server.system;
