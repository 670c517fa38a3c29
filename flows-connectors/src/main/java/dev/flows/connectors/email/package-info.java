/**
 * Email over SMTP with Angus Mail: {@link dev.flows.connectors.email.EmailSink} sends the message an email
 * destination's templates rendered for an event, after refusing header injection and parsing every address
 * strictly ({@link dev.flows.connectors.email.HeaderGuard}), with a {@code Message-ID} derived from the event
 * ({@link dev.flows.connectors.email.MessageIds}), over the TLS the destination asks for ({@link
 * dev.flows.connectors.email.SmtpSession}); transient failures are retried with full jitter, permanent ones
 * given up at once ({@link dev.flows.connectors.email.SmtpFailure}), and every attempt recorded. Knows the SPI
 * only, never the engine.
 */
package dev.flows.connectors.email;
