/**
 * The webhook sink: POSTs each event to a URL, retrying connection errors, timeouts, 408, 425, 429 and 5xx
 * with the destination's backoff, and returning the outcome ({@link dev.flows.api.sink.Delivery}) rather
 * than throwing. {@link dev.flows.connectors.webhook.WebhookSink} is the entry point; the rest of the
 * package is its parts.
 */
package dev.flows.connectors.webhook;
