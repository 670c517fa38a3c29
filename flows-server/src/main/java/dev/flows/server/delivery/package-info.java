/**
 * Notifications as an operator sees them: every delivery attempt recorded on the built-in {@code
 * flows.deliveries} channel ({@link dev.flows.server.delivery.ChannelDeliveryLog}) and read back newest first
 * ({@link dev.flows.server.delivery.DeliveryRecords}); given-up notifications sent again from a flow's
 * dead-letter channel ({@link dev.flows.server.delivery.Redrive}); and the sinks the runtime gets for webhook
 * and email destinations, rendered from the flow file's templates ({@link
 * dev.flows.server.delivery.WebhookSinks}, {@link dev.flows.server.delivery.EmailSinks}, together {@link
 * dev.flows.server.delivery.NotificationSinks}).
 */
package dev.flows.server.delivery;
