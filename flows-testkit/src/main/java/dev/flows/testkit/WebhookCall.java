package dev.flows.testkit;

import dev.flows.api.event.Event;
import java.util.Map;
import java.util.Objects;

/**
 * One call a flow made to a webhook destination under {@link FlowTestDriver}, which never sends HTTP.
 *
 * @param url     the destination's URL, with {@code ${NAME}} placeholders expanded
 * @param headers the destination's extra request headers, by name
 * @param event   the event the flow would have POSTed
 */
public record WebhookCall(String url, Map<String, String> headers, Event event) {

    public WebhookCall {
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(event, "event");
    }
}
