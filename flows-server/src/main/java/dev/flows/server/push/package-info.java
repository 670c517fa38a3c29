/**
 * Push notifications to subscribers, free of HTTP: a {@link dev.flows.server.push.PushSubscription} reads a
 * channel from a {@link dev.flows.server.push.PushCursor}, keeps the notifications its subscriber may see (an
 * {@link dev.flows.server.push.Audience}) and hands them to an {@link dev.flows.server.push.Outlet}, the SSE
 * or WebSocket connection the HTTP layer made.
 */
package dev.flows.server.push;
