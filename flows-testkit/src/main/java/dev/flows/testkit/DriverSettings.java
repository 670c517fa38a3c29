package dev.flows.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link FlowTestDriver} runs its flow. Immutable; start from {@link #DEFAULT} and change what a test
 * needs:
 *
 * <pre>{@code
 * DriverSettings settings = DriverSettings.DEFAULT
 *         .withEnvironment(Map.of("BIG_ORDER_WEBHOOK", "http://hooks.test/big"))
 *         .withWebhooks(WebhookReceiver.refuseAll("receiver answered 503"));
 * }</pre>
 *
 * @param startTime   where virtual processing time starts; it moves only by {@link FlowTestDriver#advanceTime}
 * @param environment where {@code ${NAME}} placeholders of flow files are looked up (not the process
 *     environment, so that a test does not depend on the machine it runs on)
 * @param webhooks    answers the calls of webhook destinations
 */
public record DriverSettings(Instant startTime, Map<String, String> environment, WebhookReceiver webhooks) {

    /** Processing time from the epoch, an empty environment, every webhook call accepted. */
    public static final DriverSettings DEFAULT =
            new DriverSettings(Instant.EPOCH, Map.of(), WebhookReceiver.acceptAll());

    public DriverSettings {
        Objects.requireNonNull(startTime, "startTime");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(webhooks, "webhooks");
    }

    /** A copy whose processing time starts at {@code start}. */
    public DriverSettings withStartTime(Instant start) {
        return new DriverSettings(start, environment, webhooks);
    }

    /** A copy expanding {@code ${NAME}} placeholders from {@code variables}. */
    public DriverSettings withEnvironment(Map<String, String> variables) {
        return new DriverSettings(startTime, variables, webhooks);
    }

    /** A copy whose webhook calls {@code receiver} answers. */
    public DriverSettings withWebhooks(WebhookReceiver receiver) {
        return new DriverSettings(startTime, environment, receiver);
    }
}
